// The workbench: the page agents, supervisors and admins work in (web/, built into dist/web/ by the
// start and test commands). The page and its files hold no data, so they are public; everything
// the page shows comes from the JSON routes, which check the signed-in person's session cookie.
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../../config/paths';
import { fail, ok, route } from '../route-table';
import { error } from '../response-schemas';

export const WORKBENCH_PATH = '/workbench/';
const WEB_DIR = join(PROJECT_ROOT, 'dist', 'web');
const MEDIA_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};
const fileName = z.object({
  file: z.string().regex(/^[A-Za-z0-9-]+(\.[A-Za-z0-9]+)+$/, 'a file of the page, such as app.js'),
});

/** Where the page links a workflow: the deployment's Temporal Web UI, in its namespace. */
export interface WorkbenchSettings {
  temporalUiUrl: string;
  namespace: string;
}

/** The dev server's Web UI, in the default namespace. */
const DEFAULT_WORKBENCH: WorkbenchSettings = { temporalUiUrl: 'http://localhost:8233', namespace: 'default' };

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function workbenchRoutes(deps: { workbench?: WorkbenchSettings }) {
  const { temporalUiUrl, namespace } = deps.workbench ?? DEFAULT_WORKBENCH;
  // Read once each, and only what the build wrote: it is made before the API starts and does not
  // change under it, and a name it did not write costs nothing to refuse. Nothing is kept while
  // there is no build, so that one made later is served.
  const contents = new Map<string, Promise<string>>();
  let built: Promise<Set<string>> | undefined;
  async function file(name: string): Promise<string | undefined> {
    built ??= readdir(WEB_DIR).then(
      (names) => new Set(names),
      () => new Set<string>(),
    );
    const names = await built;
    if (!names.size) built = undefined;
    if (!names.has(name)) return undefined;
    let content = contents.get(name);
    if (!content) contents.set(name, (content = readFile(join(WEB_DIR, name), 'utf8')));
    return content;
  }
  const why = 'The workbench page and its script and styles: the same for everyone, with no data in them';
  return [
    route({
      method: 'get',
      path: '/',
      tag: 'workbench',
      summary: 'Sends a browser to the workbench',
      access: { kind: 'public', why },
      responses: { 302: { description: `To ${WORKBENCH_PATH}` } },
      handler: async () => ok(302, undefined, { Location: WORKBENCH_PATH }),
    }),
    route({
      method: 'get',
      path: WORKBENCH_PATH,
      tag: 'workbench',
      summary: 'The workbench page (sign-in, queue, tasks, orders, cases, figures, settings)',
      access: { kind: 'public', why },
      responses: {
        200: { description: 'The page', schema: z.string(), mediaType: 'text/html' },
        503: error('The page was not built (run npm run build)'),
      },
      handler: async () => {
        const html = await file('index.html');
        if (html === undefined)
          return fail(
            503,
            'workbench_not_built',
            'The workbench page is not built: run npm run build (the start command does).',
          );
        const page = html
          .replace('%TEMPORAL_UI_URL%', escapeAttribute(temporalUiUrl))
          .replace('%TEMPORAL_NAMESPACE%', escapeAttribute(namespace));
        return ok(200, page, { 'Cache-Control': 'no-cache' });
      },
    }),
    route({
      method: 'get',
      path: `${WORKBENCH_PATH}:file`,
      tag: 'workbench',
      summary: "The workbench's script, style sheet and their source maps and licences",
      access: { kind: 'public', why },
      params: fileName,
      responses: {
        200: {
          description: 'The file, with its own Content-Type',
          schema: z.string(),
          mediaType: 'application/octet-stream',
        },
        404: error('No such file (not_found)'),
      },
      handler: async ({ params }) => {
        const type = MEDIA_TYPES[extname(params.file)];
        const content = type ? await file(params.file) : undefined;
        if (content === undefined) return fail(404, 'not_found', `The workbench has no file ${params.file}`);
        // no-cache: the browser asks again and the ETag answers 304 while the build is unchanged.
        return ok(200, content, { 'Content-Type': type, 'Cache-Control': 'no-cache' });
      },
    }),
  ];
}
