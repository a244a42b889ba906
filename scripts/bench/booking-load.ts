/**
 * Reservation throughput: many residents booking through the real `booking` function at once,
 * over HTTP to devcloud as the mini-program's local transport does, then every slot checked:
 * seats taken equal holders equal booking records, and none below zero. Runs alone too:
 * `npx tsx scripts/bench/booking-load.ts 200`.
 */
import path from 'node:path';
import { slotKey } from '../../core';
import { startDevcloud } from '../../devcloud/server';
import { httpCaller, seedDemoCounty } from '../seed/seed';
import { postFunction } from './http';
import type { ScaleRow } from './scale';

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))] as number;

/** Every weekday 08:30–12:00 and 14:00–17:30 in 30-minute slots, 3 seats each, no notice needed. */
const SCHEDULE = {
  orgId: 'qs-dongpo',
  sessions: [1, 2, 3, 4, 5].flatMap((weekday) => [
    { weekday, from: '08:30', to: '12:00' },
    { weekday, from: '14:00', to: '17:30' },
  ]),
  slotMinutes: 30,
  capacity: 3,
  services: ['consultation'],
  horizonDays: 14,
  leadMinutes: 0,
  active: true,
};

interface Slots {
  days: Array<{ day: string; slots: Array<{ start: string; open: boolean }> }>;
}

export async function bookingLoad(opts: { clients: number; instances: number }): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = [];
  const cloud = await startDevcloud({ strict: true, maxInstancesPerFunction: opts.instances });
  try {
    await seedDemoCounty(httpCaller(cloud.url));
    const call = (action: string, payload: unknown, openid: string) => postFunction(cloud.url, 'booking', action, payload, openid);
    const saved = await call('saveSchedule', SCHEDULE, 'seed-staff-qs');
    if (!saved.ok) throw new Error(`saveSchedule failed: ${JSON.stringify(saved.error)}`);
    // Warm every instance first: the figure is booking, not worker start-up.
    await Promise.all(Array.from({ length: opts.instances }, () => call('listSlots', { orgId: 'qs-dongpo' }, 'warm')));
    const open = ((await call('listSlots', { orgId: 'qs-dongpo' }, 'warm')).data as Slots).days.flatMap((d) =>
      d.slots.filter((s) => s.open).map((s) => ({ day: d.day, time: s.start })),
    );

    const scenarios = [
      { name: `${opts.clients} residents at once on the same 10 slots (30 seats)`, pick: (i: number) => open[i % 10]! },
      // The rest of the fortnight, one or two people per slot: nearly everyone gets a seat.
      { name: `${opts.clients} residents at once across ${open.length - 10} other slots`, pick: (i: number) => open[10 + (i % (open.length - 10))]! },
    ];
    for (const [k, scenario] of scenarios.entries()) {
      const latencies: number[] = [];
      const outcomes = new Map<string, number>();
      const started = performance.now();
      await Promise.all(
        Array.from({ length: opts.clients }, async (_x, i) => {
          const { day, time } = scenario.pick(i);
          const t0 = performance.now();
          const answer = await call(
            'book',
            { orgId: 'qs-dongpo', day, time, service: 'consultation', applicant: { name: '压测', phone: '13800000000' } },
            `load-${k}-${i}`,
          );
          latencies.push(performance.now() - t0);
          const outcome = answer.ok ? 'booked' : answer.error!.code;
          outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        }),
      );
      const wall = performance.now() - started;
      rows.push({
        metric: `booking load: ${scenario.name}, ${opts.instances} function instances`,
        value: (opts.clients / wall) * 1000,
        unit: 'req/s',
        note: `all answered in ${Math.round(wall)} ms; p50 ${Math.round(quantile(latencies, 0.5))} ms, p95 ${Math.round(quantile(latencies, 0.95))} ms; ${[...outcomes].map(([o, c]) => `${o} ${c}`).join(', ')}`,
      });
    }

    // The ledger of seats must balance in every slot: capacity − free = holders = booking records.
    let slotsChecked = 0;
    for (const dayDoc of cloud.db.find('slot_days', { orgId: 'qs-dongpo' }) as Array<{ day: string; times: Record<string, { start: string; capacity: number; free: number; holders: string[] }> }>) {
      for (const t of Object.values(dayDoc.times)) {
        const records = cloud.db.find('bookings', { orgId: 'qs-dongpo', day: dayDoc.day, time: t.start, status: 'booked' }).length;
        if (t.free < 0 || t.capacity - t.free !== t.holders.length || t.holders.length !== records || dayDoc.times[slotKey(t.start)] !== t) {
          throw new Error(`slot ${dayDoc.day} ${t.start} does not balance: capacity ${t.capacity}, free ${t.free}, holders ${t.holders.length}, bookings ${records}`);
        }
        slotsChecked += 1;
      }
    }
    rows.push({ metric: 'booking load: slots whose seats, holders and bookings balance afterwards', value: slotsChecked, unit: 'slots', note: 'every slot; none overbooked' });
  } finally {
    await cloud.close();
  }
  return rows;
}

if (path.resolve(process.argv[1] ?? '') === __filename) {
  process.env.TENCENTCLOUD = 'true';
  bookingLoad({ clients: Number(process.argv[2] ?? 200), instances: Number(process.env.INSTANCES ?? 8) })
    .then((rows) => {
      for (const r of rows) console.log(`${r.metric}: ${Math.round(r.value)} ${r.unit}${r.note ? ` — ${r.note}` : ''}`);
    })
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
