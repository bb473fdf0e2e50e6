/**
 * vitest globalSetup: one throwaway PostgreSQL cluster for the whole run (unless TEST_DATABASE_URL
 * is set). If PostgreSQL is missing, the run goes on and every PostgreSQL suite fails with the reason
 * (createTestDatabase throws it): never a silent skip.
 */
import type { TestProject } from 'vitest/node';
import { ADMIN_URL_ENV, SETUP_ERROR_ENV, startCluster, type Cluster } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgSetupError: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let cluster: Cluster | undefined;
  let url = process.env.TEST_DATABASE_URL ?? '';
  let error = '';
  if (!url) {
    try {
      cluster = await startCluster();
      url = cluster.url;
    } catch (err) {
      error = (err as Error).message;
    }
  }
  project.provide('pgAdminUrl', url);
  project.provide('pgSetupError', error);
  // Child processes (servers spawned by tests) and workers read these too.
  if (url) process.env[ADMIN_URL_ENV] = url;
  if (error) process.env[SETUP_ERROR_ENV] = error;
  return async () => {
    await cluster?.destroy();
  };
}
