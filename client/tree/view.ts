import type * as vscode from 'vscode';
import type { TreeFilter, TreeNode } from '../../common/protocol';
import type { AxialTreeProvider } from './provider';
import type { TreeServer } from './server';

/** The parts of the Axial view that its commands, reveal and filters share. */
export interface TreeView {
  context: vscode.ExtensionContext;
  server: TreeServer;
  provider: AxialTreeProvider;
  view: vscode.TreeView<TreeNode>;
  /** Shows a filter (description, message, saved state) and refreshes the tree. */
  applyFilter(filter: TreeFilter): Promise<void>;
}
