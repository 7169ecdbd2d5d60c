import type { ObjectReader } from '../../json/reader.js';
import type { JsonObject } from '../../json/value.js';

/**
 * A serialized table index definition (catalog Index): inverted / bitmap / bloom filter / ngram indexes.
 * 3.0 FEs write short member names (`i`, `in`, `c`, `it`, `pt`, `ct`, `cui`), older ones the long names;
 * both are accepted and exposed under the long names.
 */
export interface IndexDef {
  readonly indexId: bigint;
  readonly indexName: string;
  readonly columns: readonly string[];
  /** `INVERTED`, `BITMAP`, `BLOOMFILTER`, `NGRAM_BF`. */
  readonly indexType: string;
  readonly properties: ReadonlyMap<string, string>;
  readonly comment: string;
  readonly columnUniqueIds: readonly number[];
  readonly raw: JsonObject;
}

export function readIndexDef(r: ObjectReader): IndexDef {
  return {
    indexId: r.int64(['i', 'indexId']),
    indexName: r.string(['in', 'indexName']),
    columns: r.stringList(['c', 'columns']),
    indexType: r.string(['it', 'indexType']),
    properties: r.stringMap(['pt', 'properties']),
    comment: r.string(['ct', 'comment']),
    columnUniqueIds: r.intList(['cui', 'columnUniqueIds']),
    raw: r.raw,
  };
}
