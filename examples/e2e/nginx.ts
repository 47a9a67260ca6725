/**
 * Debian's nginx as the load balancer of the replica tests: found (or installed by
 * scripts/ensure-nginx.sh), given a generated configuration, and run in the foreground on
 * 127.0.0.1. The configuration is docs/deploy.md's, with one test-only twist (see `flipCallback`).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { repoRoot } from './app-process.js';

/** The nginx binary, installing it when missing and possible; or why there is none. */
export function findNginx(): { path: string } | { missing: string; canInstall: boolean } {
  const candidates = [process.env.NGINX_PATH, '/usr/sbin/nginx', '/usr/bin/nginx'].filter((p): p is string => Boolean(p));
  const found = () => candidates.find((p) => existsSync(p));
  if (found()) return { path: found()! };
  const canInstall = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
  if (canInstall) {
    const result = spawnSync('bash', [path.join(repoRoot, 'scripts', 'ensure-nginx.sh')], { stdio: 'inherit', timeout: 300_000 });
    if (result.status === 0 && found()) return { path: found()! };
  }
  return { missing: `no nginx at ${candidates.join(', ')}${canInstall ? ' and scripts/ensure-nginx.sh could not install it' : ' and no apt-get to install it'}`, canInstall };
}

/** A port that was free a moment ago (nginx must bind it itself). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface NginxOptions {
  /** Where the configuration, logs and temp files go. */
  dir: string;
  port: number;
  /** Ports of the mini-st replicas on 127.0.0.1. */
  replicas: number[];
  /**
   * Test-only: send `/oauth2callback` to the replica the browser is *not* sticky to (the same
   * hash over the servers listed in reverse), so every login begins on one replica and ends on
   * the other. Production configurations leave this out.
   */
  flipCallback?: boolean;
}

/** The configuration: docs/deploy.md's upstream and location, in a self-contained file. */
export function nginxConfig(options: NginxOptions): string {
  const { dir, port, replicas } = options;
  const servers = (list: number[]) => list.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=10s;`).join('\n');
  return `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  log_format upstream '$request_method $uri $status $upstream_addr';
  access_log ${dir}/access.log upstream;

  map $http_upgrade $connection_upgrade {
    default upgrade;
    ''      close;
  }

  # Sticky by the browser-id cookie mini-st sets on the first page: a tab's page, assets and
  # WebSocket go to one replica. (Without the cookie yet, nginx balances round robin.)
  upstream mini_st {
    hash $cookie__mst_bid;
${servers(replicas)}
  }
${options.flipCallback ? `  upstream mini_st_flipped {
    hash $cookie__mst_bid;
${servers([...replicas].reverse())}
  }
` : ''}
  server {
    listen 127.0.0.1:${port};
${options.flipCallback ? `    location = /oauth2callback {
      proxy_pass http://mini_st_flipped;
      proxy_set_header Host $http_host;
    }
` : ''}    location / {
      proxy_pass http://mini_st;
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_read_timeout 1h;
      proxy_next_upstream error timeout;
    }
  }
}
`;
}

export interface RunningNginx {
  url: string;
  /** Lines of the access log: `METHOD URI STATUS UPSTREAM`. */
  accessLog(): string[];
  stop(): Promise<void>;
}

/** Starts nginx in the foreground with a generated configuration; resolves when it accepts. */
export async function startNginx(binary: string, options: NginxOptions): Promise<RunningNginx> {
  mkdirSync(path.join(options.dir, 'tmp'), { recursive: true });
  const conf = path.join(options.dir, 'nginx.conf');
  writeFileSync(conf, nginxConfig(options));
  const child: ChildProcess = spawn(binary, ['-p', options.dir, '-e', path.join(options.dir, 'error.log'), '-c', conf, '-g', 'daemon off;'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited at once:\n${output}\n${readLog(path.join(options.dir, 'error.log'))}`);
    if (await accepts(options.port)) break;
    if (Date.now() > deadline) throw new Error(`nginx did not listen on ${options.port}:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url: `http://localhost:${options.port}/`,
    accessLog: () => readLog(path.join(options.dir, 'access.log')).split('\n').filter(Boolean),
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGQUIT');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

function readLog(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
