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
  close(): Promise<void>;
}

/** Start a proxy to `localhost:targetPort` on a port the OS picks. */
export async function startProxy(targetPort: number): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  const server = net.createServer((downstream) => {
    const upstream = net.connect(targetPort, 'localhost');
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
    close: () => {
      drop();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
