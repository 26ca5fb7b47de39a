/**
 * @module store/postgres/testing/pg-global-setup
 * vitest globalSetup: one throwaway PostgreSQL server for the whole run (see pg-test-cluster.ts),
 * handed to the tests as `pgServerUrl`, or the reason there is none as `pgUnavailable`. Under CI=true
 * a missing server fails the run instead of skipping the PostgreSQL tests.
 */
import type { TestProject } from 'vitest/node';
import { startTestCluster } from './pg-test-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgServerUrl: string;
    pgUnavailable: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startTestCluster(process.env);
  if ('unavailable' in cluster) {
    if (process.env.CI === 'true')
      throw new Error(`PostgreSQL tests cannot run under CI: ${cluster.unavailable}`);
    project.provide('pgServerUrl', '');
    project.provide('pgUnavailable', cluster.unavailable);
    return async () => {};
  }
  project.provide('pgServerUrl', cluster.url);
  project.provide('pgUnavailable', '');
  return () => cluster.stop();
}
