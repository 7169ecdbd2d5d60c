// The FE catalog: every database with its tables, indexed by id and by name, persisted object by object.
// Partition versions change on every load, so they are persisted separately from the table bodies.

import { decodeJson, encodeJson } from '../storage/json-codec.js';
import type { MetaStore } from '../storage/meta-store.js';
import type { Database } from './database.js';
import type { OlapTable, Partition, TableObject, Tablet } from './table.js';

/** Where a tablet lives in the catalog (Doris's TabletInvertedIndex). */
export interface TabletLocation {
  readonly dbId: bigint;
  readonly tableId: bigint;
  readonly partitionId: bigint;
  readonly indexId: bigint;
  readonly tablet: Tablet;
}

export class Catalog {
  private readonly byId = new Map<bigint, Database>();
  private readonly tablets = new Map<bigint, TabletLocation>();
  private readonly tabletsByTable = new Map<bigint, bigint[]>();

  constructor(private readonly store: MetaStore) {}

  /** Loads every database and table from the store (start-up). */
  load(): void {
    this.byId.clear();
    for (const row of this.store.objects('database')) {
      const db = decodeJson<Database>(row.body);
      this.byId.set(db.id, { ...db, tables: new Map() });
    }
    const versions = this.store.partitionVersions();
    for (const row of this.store.objects('table')) {
      const db = row.parentId === null ? undefined : this.byId.get(row.parentId);
      if (!db)
        throw new Error(`catalog is corrupt: table ${row.id} belongs to unknown database ${row.parentId}`);
      const table = decodeJson<TableObject>(row.body);
      if (table.kind === 'OLAP') {
        for (const p of [...table.partitions.values(), ...table.tempPartitions.values()]) {
          const v = versions.get(p.id);
          if (v) {
            p.visibleVersion = v.version;
            p.visibleVersionTime = v.time;
          }
        }
      }
      db.tables.set(table.id, table);
      this.indexTablets(db, table);
    }
  }

  tablet(tabletId: bigint): TabletLocation | undefined {
    return this.tablets.get(tabletId);
  }

  private indexTablets(db: Database, table: TableObject): void {
    this.unindexTablets(table.id);
    if (table.kind !== 'OLAP') return;
    const ids: bigint[] = [];
    for (const p of [...table.partitions.values(), ...table.tempPartitions.values()]) {
      for (const index of p.indexes.values()) {
        for (const tablet of index.tablets) {
          this.tablets.set(tablet.id, {
            dbId: db.id,
            tableId: table.id,
            partitionId: p.id,
            indexId: index.indexId,
            tablet,
          });
          ids.push(tablet.id);
        }
      }
    }
    this.tabletsByTable.set(table.id, ids);
  }

  private unindexTablets(tableId: bigint): void {
    for (const id of this.tabletsByTable.get(tableId) ?? []) this.tablets.delete(id);
    this.tabletsByTable.delete(tableId);
  }

  databases(): Database[] {
    return [...this.byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  database(id: bigint): Database | undefined {
    return this.byId.get(id);
  }

  databaseByName(name: string): Database | undefined {
    // Database names are case-sensitive in Doris (lower_case_table_names = 0).
    for (const db of this.byId.values()) if (db.name === name) return db;
    return undefined;
  }

  table(tableId: bigint): { db: Database; table: TableObject } | undefined {
    for (const db of this.byId.values()) {
      const table = db.tables.get(tableId);
      if (table) return { db, table };
    }
    return undefined;
  }

  // --- persistence: callers run these inside a store transaction ---

  saveDatabase(db: Database): void {
    this.byId.set(db.id, db);
    this.store.putObject('database', db.id, null, encodeJson({ ...db, tables: undefined }));
  }

  dropDatabase(db: Database): void {
    for (const table of db.tables.values()) this.dropTable(db, table);
    this.byId.delete(db.id);
    this.store.deleteObject(db.id);
  }

  saveTable(db: Database, table: TableObject): void {
    db.tables.set(table.id, table);
    this.indexTablets(db, table);
    this.store.putObject('table', table.id, db.id, encodeJson(table));
    if (table.kind === 'OLAP') {
      for (const p of [...table.partitions.values(), ...table.tempPartitions.values()]) this.saveVersion(p);
    }
  }

  dropTable(db: Database, table: TableObject): void {
    db.tables.delete(table.id);
    this.unindexTablets(table.id);
    this.store.deleteObject(table.id);
    if (table.kind === 'OLAP') {
      for (const p of [...table.partitions.values(), ...table.tempPartitions.values()]) {
        this.store.deletePartitionVersion(p.id);
      }
    }
  }

  saveVersion(partition: Partition): void {
    this.store.putPartitionVersion(partition.id, partition.visibleVersion, partition.visibleVersionTime);
  }

  olapTables(): Array<{ db: Database; table: OlapTable }> {
    const out: Array<{ db: Database; table: OlapTable }> = [];
    for (const db of this.byId.values()) {
      for (const table of db.tables.values()) if (table.kind === 'OLAP') out.push({ db, table });
    }
    return out;
  }
}
