import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { onDispose } from './leftovers';

export interface CapturedMail {
  to: string;
  /** The raw message: headers and body. */
  body: string;
}

/** A local SMTP server that keeps what it receives; `nextTo` resolves with the next mail to an address. */
export async function startSmtpSink(): Promise<{ url: string; nextTo(address: string): Promise<CapturedMail> }> {
  const waiting: Array<{ address: string; resolve: (mail: CapturedMail) => void }> = [];
  const received: CapturedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const mail = { to: session.envelope.rcptTo.map((r) => r.address).join(','), body: Buffer.concat(chunks).toString('utf8') };
        const index = waiting.findIndex((w) => w.address === mail.to);
        if (index >= 0) waiting.splice(index, 1)[0]!.resolve(mail);
        else received.push(mail);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onDispose(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    nextTo: (address) => {
      const index = received.findIndex((m) => m.to === address);
      if (index >= 0) return Promise.resolve(received.splice(index, 1)[0]!);
      return new Promise((resolve) => waiting.push({ address, resolve }));
    },
  };
}
