// Builds the workbench page (web/) into dist/web/: one script and one style sheet, every library
// inside them, so the page works with no network beyond the API (no CDN) and the API serves it as
// it serves JSON. esbuild, because it bundles TypeScript and JSX in well under a second with no
// Babel or webpack configuration; the type check is tsc's (web/tsconfig.json).
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { PROJECT_ROOT } from '../config/paths';

export const WEB_SOURCE_DIR = join(PROJECT_ROOT, 'web');

async function main() {
  const out = join(PROJECT_ROOT, 'dist', 'web');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const result = await build({
    entryPoints: [join(WEB_SOURCE_DIR, 'main.tsx')],
    outfile: join(out, 'app.js'),
    bundle: true,
    minify: true,
    sourcemap: 'linked',
    format: 'esm',
    target: ['chrome110', 'safari16', 'firefox115'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'linked',
    logLevel: 'warning',
    metafile: true,
  });
  for (const file of ['index.html', 'app.css']) copyFileSync(join(WEB_SOURCE_DIR, file), join(out, file));
  const script =
    result.metafile.outputs[Object.keys(result.metafile.outputs).find((path) => path.endsWith('app.js')) ?? ''];
  process.stderr.write(
    `    dist/web/app.js: ${((script?.bytes ?? 0) / 1024).toFixed(0)} KiB (libraries included; no CDN)\n`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
