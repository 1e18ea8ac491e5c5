// The "Cache Entries" view: every row comes from one flyteCache/treeChildren request;
// an entry's outputs are rendered from the entry node itself.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { TreeChildrenRequest, TreeNode, TreeSort } from '../../../protocol/src/protocol';

const icons: Record<TreeNode['kind'], string> = {
  task: 'symbol-method',
  version: 'tag',
  entry: 'database',
  output: 'symbol-field',
  more: 'ellipsis',
  history: 'history',
  event: 'circle-small',
};

const SORT_KEY = 'flyteCache.sort';

/** The explorer's filter and sort, sent with every root request; the sort survives reloads. */
export class TreeQuery {
  filter = '';
  constructor(private readonly state: vscode.Memento) {}
  get sort(): TreeSort {
    return TreeSort.from(this.state.get(SORT_KEY));
  }
  async setSort(sort: TreeSort): Promise<void> {
    await this.state.update(SORT_KEY, sort);
  }
  /** "filter: train · by hits", shown as the view's description. */
  describe(): string | undefined {
    const parts = [...(this.filter ? [`filter: ${this.filter}`] : []), ...(this.sort !== 'name' ? [`by ${this.sort}`] : [])];
    return parts.length ? parts.join(' · ') : undefined;
  }
}

export class CacheTreeProvider implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly extraPages = new Map<string, TreeNode[]>();
  private readonly parents = new Map<string, TreeNode>();
  private readonly rootLoaded = new vscode.EventEmitter<number>();
  /** Fires with the number of task rows each time the root is fetched (the view's message uses it). */
  readonly onDidLoadRoot = this.rootLoaded.event;

  constructor(
    private readonly client: LanguageClient,
    readonly query: TreeQuery,
  ) {}

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
    item.tooltip = node.markdownTooltip && node.tooltip ? new vscode.MarkdownString(node.tooltip) : node.tooltip;
    item.contextValue = node.kind === 'task' && node.location ? 'task.inCode' : node.kind;
    item.iconPath = iconOf(node);
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
    if (!parent) this.rootLoaded.fire(children.length);
    if (parent) for (const child of children) this.parents.set(child.id, parent);
    return children;
  }

  /** Known once the parent's children were fetched, which is how a node is ever reached. */
  getParent(node: TreeNode): TreeNode | undefined {
    return this.parents.get(node.id);
  }

  private async fetchChildren(parent: TreeNode | undefined): Promise<TreeNode[]> {
    if (parent?.kind === 'entry') return outputNodes(parent);
    const nodes = await this.client.sendRequest(TreeChildrenRequest.type, parent ? { parent } : { filter: this.query.filter, sort: this.query.sort });
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

function iconOf(node: TreeNode): vscode.ThemeIcon {
  if (node.icon) return new vscode.ThemeIcon(node.icon, node.iconColor ? new vscode.ThemeColor(node.iconColor) : undefined);
  if (node.versionState === 'current') return new vscode.ThemeIcon('tag', new vscode.ThemeColor('charts.green'));
  if (node.versionState === 'orphaned') return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
  return new vscode.ThemeIcon(icons[node.kind]);
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
