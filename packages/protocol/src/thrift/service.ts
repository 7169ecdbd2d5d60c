// A Thrift service is a table of methods; each method takes one request struct (at argument field `argName`,
// id 1) and returns one result struct (at reply field `success`, id 0). That is the shape of every CCR call.
import { type Infer, opt, type StructDef, struct, t } from './schema.js';

export interface MethodDef<Req extends StructDef = StructDef, Res extends StructDef = StructDef> {
  readonly name: string;
  readonly request: Req;
  readonly result: Res;
  /** `<name>_args`: field 1 carries the request. */
  readonly args: StructDef;
  /** `<name>_result`: field 0 carries the result. */
  readonly reply: StructDef;
}

export type MethodMap = { readonly [name: string]: MethodDef };

export interface ServiceDef<M extends MethodMap = MethodMap> {
  readonly name: string;
  readonly methods: M;
}

export function method<Req extends StructDef, Res extends StructDef>(
  name: string,
  request: Req,
  result: Res,
  argName = 'request',
): MethodDef<Req, Res> {
  return {
    name,
    request,
    result,
    args: struct(`${name}_args`, { [argName]: opt(1, t.struct(request)) }),
    reply: struct(`${name}_result`, { success: opt(0, t.struct(result)) }),
  };
}

export function service<M extends MethodMap>(name: string, methods: M): ServiceDef<M> {
  for (const [key, def] of Object.entries(methods)) {
    if (key !== def.name)
      throw new Error(`service ${name}: method key ${key} differs from wire name ${def.name}`);
  }
  return { name, methods };
}

export type RequestOf<D> = D extends MethodDef<infer Req, StructDef> ? Infer<Req> : never;
export type ResultOf<D> = D extends MethodDef<StructDef, infer Res> ? Infer<Res> : never;

/** Context of one call on the server side. */
export interface CallContext {
  readonly remoteAddress: string;
}

/** What a server implements: one async function per method. */
export type ServiceHandlers<S extends ServiceDef> = {
  [K in keyof S['methods']]: (
    request: RequestOf<S['methods'][K]>,
    context: CallContext,
  ) => Promise<ResultOf<S['methods'][K]>> | ResultOf<S['methods'][K]>;
};

/** What a client offers: one async function per method. */
export type ServiceCalls<S extends ServiceDef> = {
  [K in keyof S['methods']]: (
    request: RequestOf<S['methods'][K]>,
    options?: CallOptions,
  ) => Promise<ResultOf<S['methods'][K]>>;
};

export interface CallOptions {
  /** Overrides the client's RPC timeout for this call (e.g. commitTxn waits for publish). */
  readonly timeoutMs?: number;
}
