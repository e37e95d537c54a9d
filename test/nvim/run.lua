-- Test driver for test/nvim/nvim.test.ts. Runs after axial.lua (the user config
-- under test) in a headless Neovim, drives the real Axial server through Neovim's
-- own LSP client, writes what it saw as JSON to $AXIAL_RESULT and quits.
--
-- Environment: AXIAL_FILE (transcript to open), AXIAL_RESULT (JSON out),
-- AXIAL_HOVER_LINE / AXIAL_HOVER_COL (0-based line, byte column of a tag to hover),
-- AXIAL_FIX (text that replaces the code.unknown diagnostic's range), AXIAL_WAIT_MS.
local env = vim.env
local wait_ms = tonumber(env.AXIAL_WAIT_MS or '20000')
local result = { nvim = tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch }

local function plain_diagnostics(bufnr)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(out, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, code = d.code, message = d.message, source = d.source,
    })
  end
  return out
end

local function find_unknown(bufnr)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == 'code.unknown' then return d end
  end
  return nil
end

local function step(name, fn)
  local started = vim.loop.hrtime()
  local ok, err = pcall(fn)
  result.ms = result.ms or {}
  result.ms[name] = math.floor((vim.loop.hrtime() - started) / 1e6)
  if not ok then error(name .. ': ' .. tostring(err), 0) end
end

-- Work-done progress as Neovim's client hears it (the handler behind its progress
-- messages and the LspProgressUpdate event): every $/progress value, in order.
result.progress = {}
local progress_handler = vim.lsp.handlers['$/progress']
vim.lsp.handlers['$/progress'] = function(err, params, ctx, config)
  if params and params.value then
    table.insert(result.progress, { kind = params.value.kind, title = params.value.title, message = params.value.message, percentage = params.value.percentage })
  end
  return progress_handler(err, params, ctx, config)
end

local function main()
  vim.cmd('edit ' .. vim.fn.fnameescape(env.AXIAL_FILE))
  local bufnr = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[bufnr].filetype

  local client
  step('attach', function()
    local attached = vim.wait(wait_ms, function()
      for _, c in pairs(vim.lsp.buf_get_clients(bufnr)) do
        if c.initialized then client = c; return true end
      end
      return false
    end, 20)
    if not attached then error('no initialized LSP client attached to the transcript buffer') end
  end)
  result.client = { name = client.name, root_dir = client.config.root_dir, server_pid = client.rpc.pid }

  -- (a) diagnostics, published by the server after didOpen
  step('diagnostics', function()
    if not vim.wait(wait_ms, function() return find_unknown(bufnr) ~= nil end, 20) then
      result.diagnostics = plain_diagnostics(bufnr)
      error('no code.unknown diagnostic within ' .. wait_ms .. ' ms')
    end
  end)
  result.diagnostics = plain_diagnostics(bufnr)

  -- (b) hover on a tag, at the cursor, as `K` would ask
  step('hover', function()
    vim.api.nvim_win_set_cursor(0, { tonumber(env.AXIAL_HOVER_LINE) + 1, tonumber(env.AXIAL_HOVER_COL) })
    local params = vim.lsp.util.make_position_params()
    result.hover_params = params.position
    local responses, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, wait_ms)
    if not responses then error('hover request failed: ' .. tostring(err)) end
    for _, r in pairs(responses) do
      if r.error then error('hover error: ' .. vim.inspect(r.error)) end
      if r.result then result.hover = r.result.contents end
    end
  end)

  -- (c) an edit in the buffer (incremental didChange) that fixes the code clears it
  step('fix', function()
    local d = find_unknown(bufnr)
    result.fixed_line = d.lnum
    vim.api.nvim_buf_set_text(bufnr, d.lnum, d.col, d.end_lnum, d.end_col, { env.AXIAL_FIX })
    if not vim.wait(wait_ms, function() return find_unknown(bufnr) == nil end, 20) then
      error('code.unknown still reported after the fix')
    end
  end)
  result.diagnostics_after_fix = plain_diagnostics(bufnr)
  result.line_after_fix = vim.api.nvim_buf_get_lines(bufnr, result.fixed_line, result.fixed_line + 1, true)[1]

  -- (d) the scan's progress ended (it began before the diagnostics above)
  step('progress', function()
    vim.wait(wait_ms, function()
      local last = result.progress[#result.progress]
      return last ~= nil and last.kind == 'end'
    end, 20)
  end)
end

local ok, err = pcall(main)
if not ok then result.error = tostring(err) end
vim.fn.writefile({ vim.fn.json_encode(result) }, env.AXIAL_RESULT)
-- Quitting stops the client: Neovim sends shutdown/exit and kills the server after 500 ms.
vim.cmd(ok and 'qall!' or 'cquit! 3')
