// Every new workflow runs all of the bundle's modules again, so what workflows import is paid per
// order (issue 13: zod schemas built at import were most of it). The bundle may hold workflow code
// and the Temporal SDK with what the SDK itself brings; a schema library, an API or activity
// module, or any other package entering it fails here, where the import that pulled it in is easy to find.
import { readFileSync } from 'node:fs';

const SDK_PACKAGES = ['@temporalio/workflow', '@temporalio/common', 'nexus-rpc', 'ms', 'long'];
const PROJECT_DIRS = ['./workflows/', './tests/fixtures/'];

/** The webpack module ids of the test bundle (tests/setup/global-setup.ts): "./workflows/order.ts", "./node_modules/zod/…". */
function bundledModules(): string[] {
  const code = readFileSync(process.env.TEST_WORKFLOW_BUNDLE!, 'utf8');
  return [...code.matchAll(/^\/\*\*\*\/ "([^"]+)"$/gm)].map((match) => match[1]);
}

function packageOf(id: string): string | undefined {
  const path = id.split('/node_modules/').at(-1);
  if (path === id) return undefined;
  const [scope, name] = path!.split('/');
  return scope.startsWith('@') ? `${scope}/${name}` : scope;
}

describe('workflow bundle', () => {
  const modules = bundledModules();

  it('lists the modules it holds', () => {
    expect(modules).toContain('./workflows/index.ts');
  });

  it('holds no package but the Temporal SDK and what it brings (no zod)', () => {
    const packages = new Set(modules.map(packageOf).filter((name) => name !== undefined));
    expect([...packages].filter((name) => !SDK_PACKAGES.includes(name))).toEqual([]);
  });

  it('holds no project module outside workflows/ (the API, activities and config stay out)', () => {
    const project = modules.filter((id) => packageOf(id) === undefined && !id.startsWith('?'));
    expect(project.filter((id) => !PROJECT_DIRS.some((dir) => id.startsWith(dir)))).toEqual([]);
  });
});
