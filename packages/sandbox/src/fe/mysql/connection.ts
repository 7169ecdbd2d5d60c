// One client connection: handshake and authentication, then commands answered one at a time, in order.
//
// mysql2's server connection does the packet parsing, the greeting and the parsing of the client's reply, and
// turns commands into events. Three things it gets wrong are fixed here by looking at each incoming packet
// before mysql2 does (see `onPacket`): it never resets sequence ids between commands (strict clients such as
// go-sql-driver reject the answer), it cannot handle an auth-switch round trip, and it reports COM_QUERY texts
// starting with SET or PREPARE as prepared statements (and mis-parses or ignores several other commands, so
// the prepared-statement commands, COM_FIELD_LIST, COM_STATISTICS and COM_RESET_CONNECTION never reach it).
// Answers are written by ReplyWriter, not by mysql2's writers.
import type { Socket } from 'node:net';
import {
  Capability,
  Charset,
  Command,
  NATIVE_PASSWORD_PLUGIN,
  SERVER_CAPABILITIES,
  ServerStatus,
} from './constants.js';
import {
  type AuthCallbackParams,
  Connection,
  ConnectionConfig,
  Handshake,
  type HandshakeArgs,
  type Mysql2Packet,
  type Mysql2ServerConnection,
  ServerHandshake,
} from './mysql2-internals.js';
import { newScramble, verifyNativePassword, verifyNativePasswordHash } from './native-password.js';
import {
  authSwitchPayload,
  columnDefinitionPayload,
  eofPayload,
  errPayload,
  localInfilePayload,
  okPayload,
  resultSetEndPayload,
} from './packets.js';
import { PreparedStatements } from './prepared-statements.js';
import { ReplyWriter } from './reply-writer.js';
import { failurePayload, writeQueryResults } from './results.js';
import { type ServerCounters, statisticsText } from './server-counters.js';
import {
  type LocalInfileRequest,
  type Session,
  type SessionFactory,
  SqlError,
  type StatementResult,
} from './session-types.js';

export interface ConnectionOptions {
  readonly connectionId: number;
  readonly serverVersion: string;
  readonly sessions: SessionFactory;
  readonly onError: (e: unknown) => void;
  /** Server-wide counters: this connection counts its commands, COM_STATISTICS reports them. */
  readonly counters: ServerCounters;
}

type State = 'greeting' | 'authSwitch' | 'ready' | 'closed';

/** mysql2's handshake command, greeting with our own scramble (printable, see newScramble). */
class GreetingCommand extends ServerHandshake {
  constructor(
    args: HandshakeArgs,
    private readonly scramble: Buffer,
  ) {
    super(args);
  }

  start(_packet: unknown, connection: Mysql2ServerConnection): unknown {
    const authPluginData1 = this.scramble.subarray(0, 8);
    const authPluginData2 = this.scramble.subarray(8);
    this.serverHello = { authPluginData1, authPluginData2 };
    connection.writePacket(new Handshake({ ...this.args, authPluginData1, authPluginData2 }).toPacket(0));
    return ServerHandshake.prototype.readClientReply;
  }
}

export class MysqlConnection {
  private readonly conn: Mysql2ServerConnection;
  private readonly scramble = newScramble();
  private state: State = 'greeting';
  private session: Session | undefined;
  private sessionClosed = false;
  /** Sequence id of the first packet of the answer to the packet being handled. */
  private replySequenceId = 0;
  /** Who is logging in while an auth switch is under way. */
  private pendingLogin: { user: string; database: string } | undefined;
  /** The client asked for CLIENT_DEPRECATE_EOF, which the server announces: no EOF packets for it. */
  private deprecateEof = false;
  private readonly statements = new PreparedStatements();
  /** While a LOAD DATA LOCAL INFILE waits for the file: the packets received so far, and who waits. */
  private infile: { readonly chunks: Buffer[]; readonly done: (data: Buffer) => void } | undefined;

  constructor(
    private readonly socket: Socket,
    private readonly options: ConnectionOptions,
  ) {
    socket.setNoDelay(true);
    this.conn = new Connection({ config: new ConnectionConfig({ stream: socket, isServer: true }) });
    const mysql2HandlePacket = this.conn.handlePacket.bind(this.conn);
    this.conn.handlePacket = (packet) => this.onPacket(packet, mysql2HandlePacket);
    // Network errors are followed by 'close', which cleans up; the listener keeps them from being thrown.
    this.conn.on('error', () => {});
    socket.on('close', () => this.onClose());
    this.listen();

    const args: HandshakeArgs = {
      protocolVersion: 10,
      serverVersion: options.serverVersion,
      connectionId: options.connectionId,
      statusFlags: ServerStatus.AUTOCOMMIT,
      characterSet: Charset.UTF8_GENERAL_CI,
      capabilityFlags: SERVER_CAPABILITIES,
      authCallback: (params) => this.onHandshakeResponse(params),
    };
    this.conn.serverConfig = { ...args, encoding: 'utf8' };
    this.conn.addCommand(new GreetingCommand(args, this.scramble));
  }

  /** Closes the connection at once (server shutdown). */
  destroy(): void {
    this.socket.destroy();
  }

  private get remoteHost(): string {
    const address = this.socket.remoteAddress ?? '';
    return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  }

  private onPacket(packet: Mysql2Packet | undefined, mysql2HandlePacket: (p?: Mysql2Packet) => void): void {
    // No packet: mysql2 starting the greeting. Paused: a command is running; mysql2 queues the packet and
    // hands it back through here when the connection resumes.
    if (packet !== undefined && this.infile) {
      this.onInfilePacket(packet);
      return;
    }
    if (packet === undefined || this.conn._paused) {
      mysql2HandlePacket(packet);
      return;
    }
    // Answers continue the client's numbering. Telling mysql2 the id it got keeps it from warning.
    this.conn.sequenceId = packet.sequenceId;
    this.replySequenceId = (packet.sequenceId + packet.numPackets) & 0xff;
    switch (this.state) {
      case 'greeting':
        mysql2HandlePacket(packet);
        break;
      case 'authSwitch':
        this.onAuthSwitchResponse(Buffer.from(packet.buffer.subarray(packet.offset, packet.end)));
        break;
      case 'closed':
        break;
      case 'ready': {
        const command = packet.end > packet.offset ? packet.peekByte() : -1;
        this.options.counters.questions++;
        if (this.answerOtherCommand(command, packet)) break;
        mysql2HandlePacket(packet);
        break;
      }
    }
  }

  // ---- authentication ----

  private onHandshakeResponse(params: AuthCallbackParams): void {
    const hello = this.conn.clientHelloReply;
    // Doris reads every statement as UTF-8 whatever collation the client names; so does the sandbox.
    if (hello) hello.encoding = 'utf8';
    this.deprecateEof = ((hello?.clientFlags ?? 0) & SERVER_CAPABILITIES & Capability.DEPRECATE_EOF) !== 0;
    const plugin = hello?.authPluginName ?? NATIVE_PASSWORD_PLUGIN;
    if (plugin !== NATIVE_PASSWORD_PLUGIN && plugin !== '') {
      // The client answered for another plugin: ask it to answer the same scramble for native password.
      this.state = 'authSwitch';
      this.pendingLogin = { user: params.user, database: params.database };
      this.answer((writer) => writer.packet(authSwitchPayload(this.scramble)));
      return;
    }
    this.login(params.user, params.database, params.authToken);
  }

  private onAuthSwitchResponse(token: Buffer): void {
    const login = this.pendingLogin;
    this.pendingLogin = undefined;
    if (login) this.login(login.user, login.database, token);
  }

  private login(user: string, database: string, token: Buffer): void {
    try {
      this.session = this.options.sessions.open(
        {
          user,
          remoteHost: this.remoteHost,
          verify: (password) => verifyNativePassword(password, this.scramble, token),
          verifyHash: (hash) => verifyNativePasswordHash(hash, this.scramble, token),
          usedPassword: token.length > 0,
        },
        this.options.connectionId,
      );
      if (database) this.session.useDatabase(database);
    } catch (e) {
      this.state = 'closed';
      this.closeSession();
      this.answer((writer) => writer.packet(failurePayload(e, this.options.onError)));
      this.socket.end();
      return;
    }
    this.state = 'ready';
    this.answer((writer) => writer.packet(this.ok()));
  }

  /** A plain OK in the form this client negotiated. */
  private ok(): Buffer {
    return okPayload({ deprecateEof: this.deprecateEof });
  }

  private get format() {
    return { deprecateEof: this.deprecateEof, onError: this.options.onError };
  }

  // ---- commands ----

  private listen(): void {
    this.conn.on('query', (sql: string) => this.runQuery(sql));
    // mysql2 reports COM_QUERY texts starting with `SET ` or `PREPARE ` as 'stmt_prepare' (COM_STMT_PREPARE
    // itself never gets this far, see answerOtherCommand)...
    this.conn.on('stmt_prepare', (sql: string) => this.runQuery(sql));
    // ...and texts starting with `EXECUTE ` as 'stmt_execute' with the text last.
    this.conn.on('stmt_execute', (_id: never, _flags: never, _count: never, _values: never, sql: string) =>
      this.runQuery(sql),
    );
    this.conn.on('init_db', (db: string) => this.answer((writer) => writer.packet(this.useDatabase(db))));
    this.conn.on('ping', () => this.answer((writer) => writer.packet(this.ok())));
    this.conn.on('quit', () => {
      this.state = 'closed';
      this.closeSession();
      this.socket.end();
    });
  }

  private useDatabase(db: string): Buffer {
    try {
      this.session?.useDatabase(db);
      return this.ok();
    } catch (e) {
      return failurePayload(e, this.options.onError);
    }
  }

  private runQuery(sql: string): void {
    this.run(async (writer) => {
      const session = this.session;
      if (!session) return;
      let results: readonly StatementResult[];
      let failure: { error: unknown } | undefined;
      try {
        results = await session.execute(sql);
      } catch (error) {
        failure = { error };
        results = error instanceof SqlError ? error.precedingResults : [];
      }
      const [only] = results;
      if (results.length === 1 && failure === undefined && only?.kind === 'localInfile') {
        await this.localInfile(writer, only);
        return;
      }
      await writeQueryResults(writer, results, failure, { ...this.format, binary: false });
    });
  }

  /**
   * LOAD DATA LOCAL INFILE: asks the client for the file (0xfb + name), reads its packets up to the empty one
   * — the socket is read again meanwhile, the command still running — and answers with the load's result.
   */
  private async localInfile(writer: ReplyWriter, request: LocalInfileRequest): Promise<void> {
    const received = new Promise<Buffer>((resolve) => {
      this.infile = { chunks: [], done: resolve };
    });
    writer.packet(localInfilePayload(request.fileName));
    writer.flush();
    await writer.drain();
    this.conn.resume();
    const data = await received;
    const reply = new ReplyWriter(this.socket, this.replySequenceId);
    let result: StatementResult | undefined;
    let failure: { error: unknown } | undefined;
    try {
      result = request.complete(data);
    } catch (error) {
      failure = { error };
    }
    await writeQueryResults(reply, result ? [result] : [], failure, { ...this.format, binary: false });
    reply.flush();
    await reply.drain();
  }

  private onInfilePacket(packet: Mysql2Packet): void {
    const infile = this.infile;
    if (!infile) return;
    this.replySequenceId = (packet.sequenceId + 1) & 0xff;
    if (packet.end > packet.offset) {
      infile.chunks.push(Buffer.from(packet.buffer.subarray(packet.offset, packet.end)));
      return;
    }
    // the empty packet ends the file: stop reading until the answer is out, as for any command
    this.infile = undefined;
    this.conn.pause();
    infile.done(Buffer.concat(infile.chunks));
  }

  /**
   * Answers the commands mysql2 would mishandle or does not know; returns false for those left to its events
   * (COM_QUERY, COM_INIT_DB, COM_PING, COM_QUIT).
   */
  private answerOtherCommand(command: number, packet: Mysql2Packet): boolean {
    const body = () => Buffer.from(packet.buffer.subarray(packet.offset + 1, packet.end));
    const session = this.session;
    switch (command) {
      case Command.QUERY:
      case Command.INIT_DB:
      case Command.PING:
      case Command.QUIT:
        return false;
      case Command.STMT_PREPARE: {
        const sql = body().toString('utf8');
        if (session) this.run((writer) => this.statements.prepare(session, sql, writer, this.format));
        return true;
      }
      case Command.STMT_EXECUTE: {
        const data = body();
        this.run((writer) => this.statements.execute(data, writer, this.format));
        return true;
      }
      case Command.STMT_SEND_LONG_DATA:
        this.statements.sendLongData(body());
        return true; // the protocol has no answer for it
      case Command.STMT_CLOSE:
        this.statements.close(body());
        return true; // nor for this one
      case Command.STMT_RESET: {
        const answer = this.statements.reset(body(), this.format);
        this.answer((writer) => writer.packet(answer));
        return true;
      }
      case Command.FIELD_LIST: {
        const table = body().toString('utf8').replace(/\0.*$/s, '');
        this.answer((writer) => this.fieldList(writer, table));
        return true;
      }
      case Command.STATISTICS: {
        // A bare string, without OK header: that is the whole answer to COM_STATISTICS.
        const text = statisticsText(this.options.counters);
        this.answer((writer) => writer.packet(Buffer.from(text, 'utf8')));
        return true;
      }
      case Command.SET_OPTION:
        // Switching multi-statements on or off: acknowledged with an EOF (the sandbox always accepts them).
        this.answer((writer) => writer.packet(eofPayload(ServerStatus.AUTOCOMMIT)));
        return true;
      case Command.RESET_CONNECTION:
        this.statements.clear();
        session?.reset();
        this.answer((writer) => writer.packet(this.ok()));
        return true;
      default: {
        // COM_STMT_FETCH (no cursors), COM_CHANGE_USER, the replication commands, unknown bytes.
        const message = `Unsupported command(${command})`;
        this.answer((writer) => writer.packet(errPayload(1047, '08S01', message)));
        return true;
      }
    }
  }

  /**
   * COM_FIELD_LIST: the table's column definitions with their defaults, then an EOF, or for a client with
   * CLIENT_DEPRECATE_EOF the OK that replaces it (as after any list of definitions).
   */
  private fieldList(writer: ReplyWriter, table: string): void {
    try {
      const list = this.session?.fieldList(table);
      if (!list) return;
      const origin = { schema: list.database, table };
      for (const field of list.fields) {
        writer.packet(columnDefinitionPayload(field, { ...origin, defaultValue: field.defaultValue }));
      }
      const status = ServerStatus.AUTOCOMMIT;
      writer.packet(this.deprecateEof ? resultSetEndPayload(status) : eofPayload(status));
    } catch (e) {
      writer.packet(failurePayload(e, this.options.onError));
    }
  }

  /** Answers right away (nothing is running: otherwise the packet would have been queued). */
  private answer(write: (writer: ReplyWriter) => void): void {
    const writer = new ReplyWriter(this.socket, this.replySequenceId);
    write(writer);
    writer.flush();
  }

  /**
   * Runs an asynchronous command. The mysql2 connection is paused meanwhile, so that further commands wait in
   * its queue (and the socket stops being read) until this one is fully answered.
   */
  private run(task: (writer: ReplyWriter) => Promise<void>): void {
    this.conn.pause();
    const writer = new ReplyWriter(this.socket, this.replySequenceId);
    const finish = async () => {
      try {
        await task(writer);
      } catch (e) {
        // A bug while answering: end the answer with an ERR (valid even between rows) rather than hang.
        writer.packet(failurePayload(e, this.options.onError));
      }
      await writer.drain();
      if (this.state !== 'closed') this.conn.resume();
    };
    finish().catch(this.options.onError);
  }

  private onClose(): void {
    this.state = 'closed';
    this.closeSession();
  }

  private closeSession(): void {
    if (this.sessionClosed || !this.session) return;
    this.sessionClosed = true;
    try {
      this.session.close();
    } catch (e) {
      this.options.onError(e);
    }
  }
}
