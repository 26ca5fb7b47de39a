/**
 * @module probe/sections
 * The probe's sections by name, in the order they run. Each owner adds one line here.
 */

import { runDigestKill } from './digest-kill.js';
import { runHostileContent } from './hostile-content.js';
import { runHostileFiles } from './hostile-files.js';
import { runIngestKill } from './ingest-kill.js';
import type { ProbeRunner } from './section.js';
import { runSlackWire } from './slack-wire.js';

export const SECTIONS: Record<string, ProbeRunner> = {
  'hostile-files': runHostileFiles,
  'ingest-kill': runIngestKill,
  'hostile-content': runHostileContent,
  'slack-wire': runSlackWire,
  'digest-kill': runDigestKill,
};
