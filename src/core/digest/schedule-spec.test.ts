import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../errors.js';
import { describeSchedule, latestRunAtOrBefore, nextRunAfter, parseScheduleSpec } from './schedule-spec.js';

const now = new Date('2026-11-23T12:00:00Z'); // a Monday
const parse = (text: string, defaultTimezone = 'UTC') => parseScheduleSpec(text, { defaultTimezone, now });

function badRequest(text: string): BadRequestError {
  try {
    parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestError);
    return error as BadRequestError;
  }
  throw new Error(`"${text}" was accepted`);
}

describe('parseScheduleSpec', () => {
  it('defaults to daily 08:00 in the default zone, any topic, not quiet', () => {
    expect(parse('', 'Europe/Berlin')).toEqual({
      schedule: { label: 'daily 08:00', cron: '0 8 * * *', timezone: 'Europe/Berlin' },
      topic: null,
      quietWhenEmpty: false,
    });
  });

  it('reads daily and weekdays times, zones, topics and quiet in any order', () => {
    expect(parse('weekdays 7:30 tz America/New_York topic AI chips quiet')).toEqual({
      schedule: { label: 'weekdays 07:30', cron: '30 7 * * 1-5', timezone: 'America/New_York' },
      topic: 'AI chips',
      quietWhenEmpty: true,
    });
    expect(parse('quiet topic "daily news" daily at 18:05 tz europe/berlin')).toEqual({
      schedule: { label: 'daily 18:05', cron: '5 18 * * *', timezone: 'Europe/Berlin' },
      topic: 'daily news',
      quietWhenEmpty: true,
    });
  });

  it('reads cron expressions quoted (straight or curly) and unquoted', () => {
    const expected = { label: 'cron 0 8 * * 1-5', cron: '0 8 * * 1-5', timezone: 'Asia/Kolkata' };
    expect(parse('cron "0 8 * * 1-5" tz Asia/Kolkata').schedule).toEqual(expected);
    expect(parse('cron “0 8 * * 1-5” tz Asia/Kolkata').schedule).toEqual(expected);
    expect(parse('cron 0 8 * * 1-5 tz Asia/Kolkata').schedule).toEqual(expected);
  });

  it('reads a bare hour as on the hour', () => {
    expect(parse('weekdays 7').schedule).toMatchObject({ label: 'weekdays 07:00', cron: '0 7 * * 1-5' });
  });

  it('accepts a schedule exactly every 15 minutes', () => {
    expect(parse('cron "*/15 * * * *"').schedule.cron).toBe('*/15 * * * *');
  });

  it('rejects an impossible cron with the reason and an example', () => {
    const error = badRequest('cron "61 25 * * *"');
    expect(error.message).toMatch(/^"61 25 \* \* \*" is not a valid cron expression \(.*minute.*\)/);
    expect(error.message).toContain('Example: cron "0 8 * * 1-5" (08:00 on weekdays)');
  });

  it('rejects a cron without five fields', () => {
    expect(badRequest('cron "0 8 * *"').message).toContain('it needs 5 fields');
    expect(badRequest('cron "0 0 8 * * *"').message).toContain('it needs 5 fields');
    expect(badRequest('cron').message).toContain('`cron` needs an expression in quotes');
  });

  it('rejects a cron that never matches a date', () => {
    expect(badRequest('cron "0 8 30 2 *"').message).toContain('never runs');
  });

  it('rejects an unknown zone and names real ones', () => {
    expect(badRequest('daily 08:00 tz Mars/Base').message).toBe(
      'Unknown time zone "Mars/Base". Use an IANA name such as Europe/Berlin or America/New_York.',
    );
  });

  it('rejects schedules more often than every 15 minutes, including close pairs', () => {
    expect(badRequest('cron "*/5 * * * *"').message).toContain('would post every 5 minutes');
    expect(badRequest('cron "0,10 8 * * *"').message).toContain('would post every 10 minutes');
    expect(parse('cron "55 23 * * *"').schedule.cron).toBe('55 23 * * *');
    expect(badRequest('cron "0,55 0,23 * * 1,2"').message).toContain('every 5 minutes');
  });

  it('rejects bad times, unknown words and two schedules', () => {
    expect(badRequest('daily 25:00').message).toContain('"25:00" is not a time');
    expect(badRequest('hourly').message).toContain('I don\'t understand "hourly"');
    expect(badRequest('daily 08:00 weekdays 09:00').message).toContain('one schedule');
    expect(badRequest('tz').message).toContain('needs a time zone');
    expect(badRequest('topic').message).toContain('needs some words');
  });

  it('refuses a topic of common words only unless it is written as a name or acronym', () => {
    expect(badRequest('topic the').message).toContain('"the" is only common words');
    expect(badRequest('daily 08:00 topic who quiet').message).toMatch(/e\.g\. WHO/);
    expect(badRequest('topic "!!"').message).toContain('needs a word');
    expect(parse('topic WHO quiet').topic).toBe('WHO');
    expect(parse('topic "The Who"').topic).toBe('The Who');
  });
});

describe('describeSchedule', () => {
  it('names the schedule, the zone and the next run on its wall clock', () => {
    const schedule = parse('daily 08:00 tz Europe/Berlin').schedule;
    expect(describeSchedule(schedule, now)).toBe('daily at 08:00 Europe/Berlin (next: Tue 24 Nov 08:00)');
    const cron = parse('cron "0 8 * * 1"').schedule;
    expect(describeSchedule(cron, now)).toBe('cron "0 8 * * 1" UTC (next: Mon 30 Nov 08:00)');
  });
});

describe('latestRunAtOrBefore', () => {
  const kolkata = { label: 'daily 08:00', cron: '0 8 * * *', timezone: 'Asia/Kolkata' };

  it('includes a run exactly at the reference time (08:00 IST is 02:30 UTC)', () => {
    expect(latestRunAtOrBefore(kolkata, new Date('2026-05-01T02:30:00Z'))?.toISOString()).toBe(
      '2026-05-01T02:30:00.000Z',
    );
    expect(latestRunAtOrBefore(kolkata, new Date('2026-05-01T02:29:59Z'))?.toISOString()).toBe(
      '2026-04-30T02:30:00.000Z',
    );
    expect(nextRunAfter(kolkata, new Date('2026-05-01T02:30:00Z'))?.toISOString()).toBe(
      '2026-05-02T02:30:00.000Z',
    );
  });
});
