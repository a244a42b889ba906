import type { Org } from '../org/tiers';

/** A unit as 预约 lists it: where to go, and why it comes where it does. */
export interface PlaceView {
  orgId: string;
  name: string;
  tier: string;
  address: string;
  relation: string;
  distanceKm: number | null;
}

const TIER_RANK: Record<string, number> = { room: 0, station: 1, center: 2 };

/** Great-circle distance in km; GCJ-02's offset is the same for both points, so it cancels out at county scale. */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 6371 * 2 * Math.asin(Math.sqrt(h));
}

/**
 * The order places are offered in: the resident's own village room, then its station, then the
 * center; then every other unit, nearest first when the resident shared a location, else by tier
 * and name. An elder who never shares a location still sees their own village first.
 */
export function rankPlaces(
  units: ReadonlyArray<Pick<Org, 'id' | 'name' | 'tier' | 'address' | 'path'> & { location?: { lat: number; lng: number } | undefined }>,
  home: { id: string; path: readonly string[] } | null,
  here: { latitude: number; longitude: number } | null,
): PlaceView[] {
  const own = (u: { id: string; tier: string }) => {
    if (!home) return null;
    if (u.id === home.id) return { rank: 0, relation: '本村' };
    if (home.path.includes(u.id)) return u.tier === 'center' ? { rank: 2, relation: '县中心' } : { rank: 1, relation: '本乡镇' };
    return null;
  };
  const at = here ? { lat: here.latitude, lng: here.longitude } : null;
  return units
    .map((u) => {
      const mine = own(u);
      const km = at && u.location ? Math.round(distanceKm(at, u.location) * 10) / 10 : null;
      return {
        view: { orgId: u.id, name: u.name, tier: u.tier, address: u.address, relation: mine?.relation ?? (u.tier === 'center' ? '县中心' : '其他'), distanceKm: km },
        rank: mine?.rank ?? 3,
      };
    })
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        (a.view.distanceKm ?? Infinity) - (b.view.distanceKm ?? Infinity) ||
        (TIER_RANK[a.view.tier] ?? 9) - (TIER_RANK[b.view.tier] ?? 9) ||
        a.view.name.localeCompare(b.view.name),
    )
    .map((x) => x.view);
}
