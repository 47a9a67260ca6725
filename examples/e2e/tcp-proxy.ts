/**
 * A TCP proxy on localhost that a test can cut: every connection through it is piped to the app,
 * and `drop()` destroys them all at once, as a flaky network would. The browser reaches the app
 * through it to test reconnecting; the proxy keeps listening, so the page can come back.
 */
import net from 'node:net';

export interface TcpProxy {
  /** `http://localhost:PORT/` of the proxy. */
  url: string;
  /** Destroy every open connection (both sides). Returns how many there were. */
  drop(): number;
  /** While on, new connections are cut at once (the network is down); existing ones stay. */
  refuse(on: boolean): void;
  /** Send new connections to another port (a restarted app); existing ones stay. */
  retarget(port: number): void;
  close(): Promise<void>;
}

/** Start a proxy to `localhost:targetPort` on a port the OS picks. */
export async function startProxy(targetPort: number): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  let target = targetPort;
  let refusing = false;
  const server = net.createServer((downstream) => {
    if (refusing) {
      downstream.destroy();
      return;
    }
    const upstream = net.connect(target, 'localhost');
    for (const socket of [downstream, upstream]) {
      open.add(socket);
      socket.setNoDelay(true);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => {
        downstream.destroy();
        upstream.destroy();
      });
    }
    downstream.pipe(upstream).pipe(downstream);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, 'localhost', resolve));
  const { port } = server.address() as net.AddressInfo;
  const drop = () => {
    const count = open.size;
    for (const socket of open) socket.destroy();
    return count;
  };
  return {
    url: `http://localhost:${port}/`,
    drop,
    refuse: (on) => {
      refusing = on;
    },
    retarget: (port) => {
      target = port;
    },
    close: () => {
      drop();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
