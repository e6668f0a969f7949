/**
 * The repository's own guard rails: the lint rules that keep the architecture
 * (module boundaries, no console), the commit-message hook, the local services
 * script's error path and the .env writer. Each case runs the real tool.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, createSign, createVerify } from 'node:crypto';
import {
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const bin = (name: string): string => join(root, 'node_modules/.bin', name);

jest.setTimeout(120_000);

describe('lint rules', () => {
  const fixtureDirs: string[] = [];

  beforeAll(() => {
    // @nx/enforce-module-boundaries reads the cached project graph.
    execFileSync(bin('nx'), ['show', 'projects'], { cwd: root, env: { ...process.env, NX_DAEMON: 'false' } });
  });

  afterAll(() => {
    for (const dir of fixtureDirs) rmSync(dir, { recursive: true, force: true });
  });

  function lint(relativePath: string, source: string): string[] {
    const file = join(root, relativePath);
    const dir = resolve(file, '..');
    mkdirSync(dir, { recursive: true });
    fixtureDirs.push(dir);
    writeFileSync(file, source);
    // The CLI, as `yarn lint` runs it (exit code 1 when it finds errors).
    const res = spawnSync(bin('eslint'), ['--format', 'json', file], { cwd: root, encoding: 'utf8' });
    const reports = JSON.parse(res.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
    return reports.flatMap((r) => r.messages.map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`));
  }

  it('accepts an app importing a lib through its alias', () => {
    const messages = lint(
      'apps/api/src/__lint_fixture_ok__/ok.ts',
      "import { validateEnv } from '@app/core';\n\nexport const check = validateEnv;\n",
    );
    expect(messages).toEqual([]);
  });

  it('refuses a relative import from an app into a lib internals', () => {
    const messages = lint(
      'apps/api/src/__lint_fixture_rel__/bad.ts',
      "import { validateEnv } from '../../../../libs/core/src/config/load-env';\n\nexport const check = validateEnv;\n",
    );
    expect(messages.some((m) => m.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });

  it("lets a feature module use another through its index.ts, and refuses the other's own files", () => {
    const ok = lint(
      'apps/api/src/modules/__lint_fixture_mod_ok__/ok.ts',
      "import { recordAudit } from '../audit';\n\nexport const audit = recordAudit;\n",
    );
    expect(ok).toEqual([]);
    const deep = lint(
      'apps/api/src/modules/__lint_fixture_mod_deep__/sub/bad.ts',
      "import { recordAudit } from '../../audit/audit';\n\nexport const audit = recordAudit;\n",
    );
    expect(deep).toEqual([
      "boundaries/dependencies: another module's files are its own: import its index.ts (what it exports)",
    ]);
  });

  it('refuses a feature module importing the app edge, which imports the modules', () => {
    const messages = lint(
      'apps/api/src/modules/__lint_fixture_mod_app__/bad.ts',
      "import { AppModule } from '../../app/app.module';\n\nexport const m = AppModule;\n",
    );
    expect(messages).toContain(
      'boundaries/dependencies: app/ (the HTTP and GraphQL edge) imports the modules; they never import it',
    );
  });

  it('refuses console.* (the pino logger is the only output)', () => {
    const messages = lint('apps/worker/src/__lint_fixture_console__/bad.ts', "console.log('hello');\n");
    expect(messages).toContain('no-console: Unexpected console statement.');
  });

  it('refuses the mail lib in the API (the API never sends mail)', () => {
    const messages = lint('apps/api/src/__lint_fixture_mail__/bad.ts', "import '@app/mail';\n");
    expect(messages.some((m) => m.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });

  it('refuses a lib importing an app', () => {
    const messages = lint(
      'libs/core/src/__lint_fixture_app__/bad.ts',
      "import { AppModule } from '../../../../apps/api/src/app/app.module';\n\nexport const m = AppModule;\n",
    );
    expect(messages.some((m) => m.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });

  it('refuses a floating promise', () => {
    const messages = lint(
      'libs/core/src/__lint_fixture_promise__/bad.ts',
      'async function work(): Promise<void> {\n  await Promise.resolve();\n}\nwork();\n',
    );
    expect(messages.some((m) => m.startsWith('@typescript-eslint/no-floating-promises'))).toBe(true);
  });
});

describe('commit-msg hook', () => {
  const dir = mkdtempSync(join(tmpdir(), 'commit-msg-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function hook(message: string): number {
    const file = join(dir, 'COMMIT_EDITMSG');
    writeFileSync(file, `${message}\n`);
    const env = { ...process.env, PATH: `${join(root, 'node_modules/.bin')}:${process.env['PATH'] ?? ''}` };
    return spawnSync('sh', [join(root, '.husky/commit-msg'), file], { cwd: root, env, encoding: 'utf8' }).status ?? -1;
  }

  it('accepts a Conventional Commit', () => {
    expect(hook('feat(api): add the health endpoint')).toBe(0);
  });

  it('refuses a message that is not a Conventional Commit', () => {
    expect(hook('added some stuff')).not.toBe(0);
    expect(hook('Feat: Capitalised type')).not.toBe(0);
  });
});

describe('tools/services.sh', () => {
  it('names the URL that failed and what it tried next', () => {
    const res = spawnSync('bash', [join(root, 'tools/services.sh')], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: 'postgres://saas:secret-pw@127.0.0.1:1/saas' },
    });
    const out = `${res.stdout}${res.stderr}`;
    expect(res.status).not.toBe(0);
    expect(out).toContain('DATABASE_URL postgres://saas:***@127.0.0.1:1/saas: does not answer');
    expect(out).toMatch(/Docker|OS packages/);
    expect(out).not.toContain('secret-pw');
  });
});

describe('tools/env-init.mjs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'env-init-'));
  const file = join(dir, '.env');
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (): string =>
    execFileSync(process.execPath, [join(root, 'tools/env-init.mjs')], {
      env: { ...process.env, ENV_FILE: file },
      encoding: 'utf8',
    });

  it('creates a .env with two distinct, working RS256 key pairs', () => {
    expect(run()).toContain('wrote');
    const text = readFileSync(file, 'utf8');
    const value = (name: string): string => {
      const line = text.split('\n').find((l) => l.startsWith(`${name}=`));
      if (!line) throw new Error(`${name} missing`);
      return line.slice(name.length + 2, -1).replace(/\\n/g, '\n');
    };
    for (const kind of ['ACCESS', 'REFRESH']) {
      const privateKey = createPrivateKey(value(`JWT_${kind}_PRIVATE_KEY`));
      const publicKey = createPublicKey(value(`JWT_${kind}_PUBLIC_KEY`));
      const signature = createSign('RSA-SHA256').update('x').sign(privateKey);
      expect(createVerify('RSA-SHA256').update('x').verify(publicKey, signature)).toBe(true);
    }
    expect(value('JWT_ACCESS_PUBLIC_KEY')).not.toEqual(value('JWT_REFRESH_PUBLIC_KEY'));
  });

  it('never overwrites an existing .env', () => {
    writeFileSync(file, 'PORT=4321\n');
    expect(run()).toContain('left unchanged');
    expect(readFileSync(file, 'utf8')).toBe('PORT=4321\n');
  });
});

describe('yarn api:dev on a taken port', () => {
  it('prints one line naming the port and PORT, exits non-zero, and leaves apps/api/schema.graphql alone', async () => {
    const server = createServer();
    await new Promise<void>((r) =>
      server.listen(0, '127.0.0.1', () => {
        r();
      }),
    );
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const schema = join(root, 'apps/api/schema.graphql');
    const before = readFileSync(schema, 'utf8');
    const mtime = statSync(schema).mtimeMs;
    try {
      // As `nx serve api` runs it (apps/api/project.json).
      const res = spawnSync(process.execPath, ['tools/dev.mjs', 'apps/api/src/main.ts', '--http'], {
        cwd: root,
        env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'development' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(res.status).toBe(1);
      const lines = `${res.stdout}${res.stderr}`.trim().split('\n');
      expect(lines).toEqual([
        expect.stringMatching(new RegExp(`^Port ${port} on 127\\.0\\.0\\.1 is already in use.*set PORT`)),
      ]);
    } finally {
      server.close();
    }
    expect(readFileSync(schema, 'utf8')).toBe(before);
    expect(statSync(schema).mtimeMs).toBe(mtime);
  });
});

describe('tools/yarn-path.sh', () => {
  // A PATH with Node and corepack and nothing else (whatever this machine has enabled already).
  const bin = mkdtempSync(join(tmpdir(), 'yarn-path-bin-'));
  const corepack = execFileSync('bash', ['-c', 'command -v corepack'], { encoding: 'utf8' }).trim();
  symlinkSync(process.execPath, join(bin, 'node'));
  symlinkSync(realpathSync(corepack), join(bin, 'corepack'));
  afterAll(() => {
    rmSync(bin, { recursive: true, force: true });
  });
  const run = (dir: string): string =>
    execFileSync('/bin/bash', [join(root, 'tools/yarn-path.sh')], {
      cwd: root,
      env: { ...process.env, PATH: bin, YARN_PATH_DIR: dir },
      encoding: 'utf8',
    });

  it('leaves a working `yarn` where corepack may write', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yarn-path-'));
    try {
      expect(run(dir)).toMatch(/corepack enable: `yarn` is on PATH/);
      const version = execFileSync(join(dir, 'yarn'), ['--version'], {
        cwd: root,
        env: { ...process.env, PATH: `${dir}:${bin}` },
        encoding: 'utf8',
      });
      expect(version.trim()).toBe(/yarn@([\d.]+)/.exec(readFileSync(join(root, 'package.json'), 'utf8'))?.[1]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says how to call Yarn where it may not', () => {
    expect(run('/proc/no-such-dir')).toMatch(/not on PATH.*bash tools\/yarn\.sh <command>/);
  });
});

describe('tools/node.sh', () => {
  const dirs: string[] = [];
  const temp = (prefix: string): string => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const platform = `${process.platform}-${process.arch}`;

  /** A `node` that says it is `version` (and nothing else), first on PATH. */
  function fakeNode(version: string): string {
    const bin = temp('node-sh-bin-');
    writeFileSync(join(bin, 'node'), `#!/bin/sh\necho ${version}\n`, { mode: 0o755 });
    return bin;
  }

  /** Sources node.sh, then prints the `node` on PATH and its version. */
  function source(env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
    const res = spawnSync(
      '/bin/bash',
      ['-c', `. "${join(root, 'tools/node.sh')}" && command -v node && node -p 'process.versions.node'`],
      { cwd: root, env: { ...process.env, NODE_SH_ANNOUNCED: '', ...env }, encoding: 'utf8' },
    );
    return { status: res.status, stdout: res.stdout, stderr: res.stderr };
  }

  it('uses a Node 24 from its cache when the machine has Node 20, and says so in one line', () => {
    const cache = temp('node-sh-cache-');
    mkdirSync(join(cache, `${platform}-24`, 'bin'), { recursive: true });
    symlinkSync(process.execPath, join(cache, `${platform}-24`, 'bin', 'node'));
    const res = source({ PATH: `${fakeNode('20.20.2')}:${process.env['PATH'] ?? ''}`, NODE_CACHE_DIR: cache });
    expect(res.status).toBe(0);
    expect(res.stdout.split('\n')[0]).toBe(join(cache, `${platform}-24`, 'bin', 'node'));
    expect(res.stdout.split('\n')[1]).toBe(process.versions.node);
    expect(res.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^\[node\] the machine's node is 20\.20\.2; using Node v[\d.]+ from the npm registry/),
    ]);
  });

  it("keeps the machine's Node when it is 22 or newer", () => {
    const bin = fakeNode('22.12.0');
    const res = source({ PATH: `${bin}:${process.env['PATH'] ?? ''}`, NODE_CACHE_DIR: temp('node-sh-cache-') });
    expect(res.status).toBe(0);
    expect(res.stdout.split('\n')[0]).toBe(join(bin, 'node'));
    expect(res.stderr).toBe('');
  });

  it('fetches the Node it needs from the npm registry once, then reuses it offline', () => {
    // A major other than the one running, so that node.sh has to fetch it.
    const want = process.versions.node.startsWith('24.') ? '22' : '24';
    const cache = temp('node-sh-cache-');
    const first = source({ NODE_REQUIRE_MAJOR: want, NODE_CACHE_DIR: cache });
    expect(first.stderr).toMatch(new RegExp(`using Node v${want}\\.`));
    expect(first.stdout.split('\n')[1]).toMatch(new RegExp(`^${want}\\.`));
    // An unreachable registry: only the cache can answer now.
    const second = source({
      NODE_REQUIRE_MAJOR: want,
      NODE_CACHE_DIR: cache,
      npm_config_registry: 'http://127.0.0.1:9/',
    });
    expect(second.status).toBe(0);
    expect(second.stdout.split('\n')[1]).toBe(first.stdout.split('\n')[1]);
  });
});
