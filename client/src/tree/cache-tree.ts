// The "Cache Entries" view: every row comes from one flyteCache/treeChildren request;
// an entry's outputs are rendered from the entry node itself.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { TreeChildrenRequest, TreeNode } from '../../../protocol/src/protocol';

const icons: Record<TreeNode['kind'], string> = {
  task: 'symbol-method',
  version: 'tag',
  entry: 'database',
  output: 'symbol-field',
  more: 'ellipsis',
};

export class CacheTreeProvider implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly extraPages = new Map<string, TreeNode[]>();
  private readonly parents = new Map<string, TreeNode>();

  constructor(private readonly client: LanguageClient) {}

  refresh(): void {
    this.extraPages.clear();
    this.parents.clear();
    this.changed.fire(undefined);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const state = node.hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.id;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.contextValue = node.kind;
    item.iconPath = new vscode.ThemeIcon(icons[node.kind]);
    if (node.kind === 'more') {
      item.command = { command: 'flyteCache.showMore', title: 'Show more', arguments: [node] };
    }
    if (node.kind === 'output') {
      item.command = { command: 'flyteCache.showOutput', title: 'Show output', arguments: [node] };
    }
    return item;
  }

  async getChildren(parent?: TreeNode): Promise<TreeNode[]> {
    const children = await this.fetchChildren(parent);
    if (parent) for (const child of children) this.parents.set(child.id, parent);
    return children;
  }

  /** Known once the parent's children were fetched, which is how a node is ever reached. */
  getParent(node: TreeNode): TreeNode | undefined {
    return this.parents.get(node.id);
  }

  private async fetchChildren(parent: TreeNode | undefined): Promise<TreeNode[]> {
    if (parent?.kind === 'entry') return outputNodes(parent);
    const nodes = await this.client.sendRequest(TreeChildrenRequest.type, { parent });
    if (parent?.kind === 'version') return [...nodes.filter((n) => n.kind !== 'more'), ...this.morePages(parent, nodes)];
    return nodes;
  }

  /** Loads the page behind a "Show more…" row into its version node. */
  async showMore(more: TreeNode): Promise<void> {
    const key = `${more.task}\u0000${more.version}`;
    const page = await this.client.sendRequest(TreeChildrenRequest.type, { parent: more });
    const loaded = (this.extraPages.get(key) ?? []).filter((n) => n.kind !== 'more');
    this.extraPages.set(key, [...loaded, ...page]);
    this.changed.fire(undefined);
  }

  private morePages(version: TreeNode, firstPage: TreeNode[]): TreeNode[] {
    const extra = this.extraPages.get(`${version.task}\u0000${version.version}`);
    if (extra) return extra;
    return firstPage.filter((n) => n.kind === 'more');
  }
}

function outputNodes(entry: TreeNode): TreeNode[] {
  return (entry.outputs ?? []).map((o) => ({
    kind: 'output',
    id: `${entry.id}\u0000${o.name}`,
    label: o.name,
    description: o.value,
    tooltip: o.full,
    hasChildren: false,
  }));
}
