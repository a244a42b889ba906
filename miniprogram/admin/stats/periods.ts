import { addDays, shanghaiDay, type DayKey } from '@core';

/**
 * The periods the 司法局 asks for, as Beijing days: this month so far, last month, this quarter so
 * far and this year so far. Pure date arithmetic on 'YYYY-MM-DD' keys, so the answer is the same on
 * a phone in any time zone (today comes from `todayIn`, the only place that reads a clock).
 */
export type PresetKey = 'month' | 'lastMonth' | 'quarter' | 'year';

export const PRESETS: ReadonlyArray<{ key: PresetKey; label: string }> = [
  { key: 'month', label: '本月' },
  { key: 'lastMonth', label: '上月' },
  { key: 'quarter', label: '本季度' },
  { key: 'year', label: '今年' },
];

export interface Period {
  from: DayKey;
  to: DayKey;
}

/** Today in Beijing. */
export function todayIn(now: Date = new Date()): DayKey {
  return shanghaiDay(now);
}

const pad = (n: number) => String(n).padStart(2, '0');

export function presetPeriod(key: PresetKey, today: DayKey): Period {
  const year = today.slice(0, 4);
  const monthStart = `${today.slice(0, 8)}01`;
  switch (key) {
    case 'month':
      return { from: monthStart, to: today };
    case 'lastMonth': {
      const to = addDays(monthStart, -1);
      return { from: `${to.slice(0, 8)}01`, to };
    }
    case 'quarter': {
      const month = Number(today.slice(5, 7));
      return { from: `${year}-${pad(month - ((month - 1) % 3))}-01`, to: today };
    }
    case 'year':
      return { from: `${year}-01-01`, to: today };
  }
}

/** Which preset a period is, or '' for a range picked by hand (on 1 January all four are the same day: 本月 wins). */
export function presetOf(period: Period, today: DayKey): PresetKey | '' {
  const found = PRESETS.find(({ key }) => {
    const p = presetPeriod(key, today);
    return p.from === period.from && p.to === period.to;
  });
  return found?.key ?? '';
}

const dayText = (day: DayKey, withYear: boolean) => `${withYear ? `${day.slice(0, 4)}年` : ''}${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

/** '2026年3月1日至3月20日'; the year again only when the period crosses one. */
export function periodText({ from, to }: Period): string {
  if (from === to) return dayText(from, true);
  return `${dayText(from, true)}至${dayText(to, from.slice(0, 4) !== to.slice(0, 4))}`;
}
