import { CronExpressionParser } from 'cron-parser';
import type { Clock } from './clock';

export interface TriggerRun {
  fn: string;
  trigger: string;
  at: string;
  manual: boolean;
  ok: boolean;
  code: string | null;
}

/**
 * CloudBase timer cron has 7 fields: seconds first, year last, read in UTC+8
 * (developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/functions/triggers.html).
 * cron-parser takes the first six; the year field is checked here.
 */
export function nextFireTime(expr: string, after: Date): Date | null {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 7) throw new Error(`timer "${expr}" must have 7 fields (seconds … year)`);
  const year = fields[6] as string;
  const iter = CronExpressionParser.parse(fields.slice(0, 6).join(' '), { tz: 'Asia/Shanghai', currentDate: after });
  for (let i = 0; i < 1000; i++) {
    const next = iter.next().toDate();
    if (yearMatches(year, Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(next)))) {
      return next;
    }
  }
  return null;
}

function yearMatches(field: string, year: number): boolean {
  if (field === '*') return true;
  return field.split(',').some((part) => {
    const [lo, hi] = part.split('-').map(Number);
    return hi === undefined ? year === lo : year >= (lo as number) && year <= hi;
  });
}

export interface Schedule {
  fn: string;
  trigger: string;
  cron: string;
  next: Date | null;
}

/** Polls once a second; a clock moved forward fires each due trigger once, as a late timer would. */
export class TriggerScheduler {
  private timer: NodeJS.Timeout | undefined;
  readonly runs: TriggerRun[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly schedules: Schedule[],
    private readonly fire: (fn: string, trigger: string, manual: boolean) => Promise<TriggerRun>,
  ) {
    for (const s of schedules) s.next = nextFireTime(s.cron, clock.now());
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  list(): Schedule[] {
    return this.schedules;
  }

  /** Re-plans after the clock moved backwards, so nothing waits for a time that has passed. */
  replan(): void {
    for (const s of this.schedules) s.next = nextFireTime(s.cron, this.clock.now());
  }

  async tick(): Promise<void> {
    const now = this.clock.now();
    for (const s of this.schedules) {
      if (s.next && s.next <= now) {
        s.next = nextFireTime(s.cron, now);
        this.record(await this.fire(s.fn, s.trigger, false));
      }
    }
  }

  async fireNow(fn: string): Promise<TriggerRun | null> {
    const s = this.schedules.find((x) => x.fn === fn);
    if (!s) return null;
    const run = await this.fire(s.fn, s.trigger, true);
    this.record(run);
    return run;
  }

  private record(run: TriggerRun): void {
    this.runs.unshift(run);
    if (this.runs.length > 200) this.runs.pop();
  }
}
