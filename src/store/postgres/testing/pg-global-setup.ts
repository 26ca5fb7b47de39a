/**
 * @module store/postgres/testing/pg-global-setup
 * vitest globalSetup: one throwaway PostgreSQL server for the whole run (see pg-test-cluster.ts),
 * handed to the tests as `pgServerUrl`, or the reason there is none as `pgUnavailable`. Under CI=true
 * a missing server fails the run instead of skipping the PostgreSQL tests.
 */
import type { TestProject } from 'vitest/node';
import { startTestCluster, type TestCluster } from './pg-test-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgServerUrl: string;
    pgUnavailable: string;
  }
}

export default function setup(project: TestProject): Promise<() => Promise<void>> {
  return providePgServer(project, process.env, () => startTestCluster(process.env));
}

/** Starts (or finds) the server and provides it, or the reason there is none; throws under CI=true. */
export async function providePgServer(
  project: Pick<TestProject, 'provide'>,
  env: Record<string, string | undefined>,
  start: () => Promise<TestCluster>,
): Promise<() => Promise<void>> {
  const cluster = await start();
  if ('unavailable' in cluster) {
    if (env.CI === 'true') throw new Error(`PostgreSQL tests cannot run under CI: ${cluster.unavailable}`);
    project.provide('pgServerUrl', '');
    project.provide('pgUnavailable', cluster.unavailable);
    return async () => {};
  }
  project.provide('pgServerUrl', cluster.url);
  project.provide('pgUnavailable', '');
  return () => cluster.stop();
}
