// Per-document settings pulled with workspace/configuration; the client's middleware
// answers with the resolved protocol Settings (defaults applied). Editors without
// workspace/configuration get the defaults.
import { Connection } from 'vscode-languageserver';
import { Settings } from '../../../protocol/src/protocol';

export class SettingsCache {
  private readonly byUri = new Map<string, Promise<Settings>>();
  supported = false;

  constructor(private readonly connection: Connection) {}

  for(uri: string | undefined): Promise<Settings> {
    if (!this.supported) return Promise.resolve(Settings.defaults);
    const key = uri ?? '';
    let settings = this.byUri.get(key);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'flyteCache' })
        .then((value: unknown) => Settings.from(value), () => Settings.defaults);
      this.byUri.set(key, settings);
    }
    return settings;
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  clear(): void {
    this.byUri.clear();
  }
}
