import type { Store } from './types.js';

export * from './types.js';

export interface StoreConfig {
  dataFile: string;
  databaseUrl?: string;
  compactAfter?: number;
}

/** PostgreSQL when DATABASE_URL is set, else the embedded lowdb file. */
export async function openStore(cfg: StoreConfig): Promise<Store> {
  if (cfg.databaseUrl) {
    const { PostgresStore } = await import('./postgres/index.js');
    return PostgresStore.open({ url: cfg.databaseUrl });
  }
  const { LowdbStore } = await import('./lowdb/index.js');
  return LowdbStore.open({ file: cfg.dataFile, compactAfter: cfg.compactAfter });
}
