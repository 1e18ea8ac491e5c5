// One webview panel per task: the server's flyteCache/taskDetails answer rendered by
// media/task-details.js (hand-written SVG chart, no libraries) under a strict CSP.
import * as crypto from 'crypto';
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { TaskDetailsRequest } from '../../../protocol/src/protocol';

export interface Rendered {
  dots: number;
  rows: number;
}

export class TaskPanels implements vscode.Disposable {
  private readonly panels = new Map<string, vscode.WebviewPanel>();
  private readonly drawn = new Map<string, Rendered>();

  constructor(
    private readonly client: LanguageClient,
    private readonly extensionUri: vscode.Uri,
  ) {}

  /** Opens (or reveals) the task's panel and fills it; returns what the server answered. */
  async show(task: string): Promise<TaskDetailsRequest.Result | null> {
    let panel = this.panels.get(task);
    if (panel) {
      panel.reveal(undefined, false);
    } else {
      panel = this.create(task);
    }
    return this.update(task, panel);
  }

  /** Re-sends the data to every open panel (after an import or refresh). */
  async refreshAll(): Promise<void> {
    await Promise.all([...this.panels].map(([task, panel]) => this.update(task, panel)));
  }

  /** What the panel's script last reported drawing: chart dots and entry rows (for tests). */
  rendered(task: string): Rendered | undefined {
    return this.drawn.get(task);
  }

  private create(task: string): vscode.WebviewPanel {
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel('flyteCache.taskDetails', `Cache: ${shortName(task)}`, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [media],
      retainContextWhenHidden: false,
    });
    panel.webview.html = html(panel.webview, media, task);
    panel.onDidDispose(() => {
      this.panels.delete(task);
      this.drawn.delete(task);
    });
    // The script asks for data once it has loaded (and again when the panel is shown after being hidden).
    panel.webview.onDidReceiveMessage((message: { type?: string; dots?: number; rows?: number }) => {
      if (message?.type === 'ready') void this.update(task, panel);
      if (message?.type === 'rendered') this.drawn.set(task, { dots: Number(message.dots ?? 0), rows: Number(message.rows ?? 0) });
    });
    this.panels.set(task, panel);
    return panel;
  }

  private async update(task: string, panel: vscode.WebviewPanel): Promise<TaskDetailsRequest.Result | null> {
    const details = await this.client.sendRequest(TaskDetailsRequest.type, { task });
    await panel.webview.postMessage({ type: 'details', task, details });
    return details;
  }

  dispose(): void {
    for (const panel of this.panels.values()) panel.dispose();
    this.panels.clear();
  }
}

function shortName(task: string): string {
  return task.slice(task.lastIndexOf('.') + 1) || task;
}

function html(webview: vscode.Webview, media: vscode.Uri, task: string): string {
  const nonce = crypto.randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(media, 'task-details.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(media, 'task-details.css'));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link href="${style}" rel="stylesheet">
<title>${escapeHtml(task)}</title>
</head>
<body>
<h1 id="title">${escapeHtml(task)}</h1>
<p id="status" class="muted">Loading…</p>
<main id="content" hidden></main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
