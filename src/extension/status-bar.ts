// The status bar item: Streamwise's error/warning/info counts over all files, from the diagnostics the server published.
import * as vscode from 'vscode';

export const DIAGNOSTIC_SOURCE = 'streamwise';

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
  files: number;
}

export function countStreamwise(all: ReadonlyArray<[vscode.Uri, readonly vscode.Diagnostic[]]>): Counts {
  const counts: Counts = { errors: 0, warnings: 0, infos: 0, files: 0 };
  for (const [, diagnostics] of all) {
    const ours = diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (ours.length > 0) counts.files++;
    for (const d of ours) {
      if (d.severity === vscode.DiagnosticSeverity.Error) counts.errors++;
      else if (d.severity === vscode.DiagnosticSeverity.Warning) counts.warnings++;
      else counts.infos++;
    }
  }
  return counts;
}

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('streamwise.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.item.name = 'Streamwise';
    this.item.command = 'streamwise.showOutput';
    this.subscription = vscode.languages.onDidChangeDiagnostics(() => this.update());
    this.update();
    this.item.show();
  }

  update(): Counts {
    const c = countStreamwise(vscode.languages.getDiagnostics());
    this.item.text = `$(radio-tower) Streamwise ${c.errors} $(error) ${c.warnings} $(warning)`;
    const label = `Streamwise: ${c.errors} errors, ${c.warnings} warnings, ${c.infos} infos in ${c.files} files`;
    this.item.tooltip = `${label}. Click to show the output.`;
    this.item.accessibilityInformation = { label, role: 'button' };
    return c;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
