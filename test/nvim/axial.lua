-- Axial for Neovim 0.7+: transcripts (.md/.txt under a transcripts/ folder) get the
-- filetype axial-transcript and one Axial server per project (the folder holding
-- codebook.yaml). Set vim.g.axial_server to the path of Axial's dist/server.js.
local axial_server = vim.g.axial_server or vim.fn.expand('~/axial/dist/server.js')
local axial_clients = {} -- project folder -> LSP client id

local function axial_root(file)
  local dir = vim.fn.fnamemodify(file, ':p:h')
  while true do
    if vim.loop.fs_stat(dir .. '/codebook.yaml') then return dir end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then return nil end
    dir = parent
  end
end

vim.api.nvim_create_autocmd({ 'BufNewFile', 'BufRead' }, {
  pattern = { '*/transcripts/*.md', '*/transcripts/*.txt' },
  callback = function(args) vim.bo[args.buf].filetype = 'axial-transcript' end,
})

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'axial-transcript',
  callback = function(args)
    local root = axial_root(vim.api.nvim_buf_get_name(args.buf))
    if not root then return end
    if not axial_clients[root] then
      axial_clients[root] = vim.lsp.start_client({
        name = 'axial',
        cmd = { 'node', axial_server, '--stdio' },
        root_dir = root,
        on_exit = function() axial_clients[root] = nil end,
      })
    end
    if axial_clients[root] then vim.lsp.buf_attach_client(args.buf, axial_clients[root]) end
  end,
})
