// Content checks shared by the deciders: trimmed text, item lists, people, ratings.
import { badInput } from './refusals';
import type { Actor, PersonRef, Satisfaction } from './types';

const MAX_TEXT = 500;
const MAX_ITEMS = 50;

export function text(value: string | undefined, what: string, max = MAX_TEXT): string {
  const trimmed = (value ?? '').trim();
  if (trimmed.length === 0) throw badInput(`请填写${what}`, 'text_missing');
  if (trimmed.length > max) throw badInput(`${what}太长了`, 'text_too_long');
  return trimmed;
}

export function optionalText(value: string | undefined, what: string): string | null {
  return value === undefined || value.trim() === '' ? null : text(value, what);
}

/** Trimmed, blank ones dropped, each name once. */
export function itemList(items: readonly string[], what: string): string[] {
  const list = items.map((i) => i.trim()).filter((i) => i.length > 0);
  if (list.length === 0) throw badInput(`请列出${what}`, 'items_missing');
  if (list.length > MAX_ITEMS) throw badInput(`${what}太多了`, 'too_many_items');
  if (list.some((i) => i.length > 100)) throw badInput(`${what}的名称太长了`, 'item_name_too_long');
  return [...new Set(list)];
}

export function person(ref: PersonRef, what: string): PersonRef {
  if (ref.openid.trim() === '') throw badInput(`请选择${what}`, 'person_missing');
  return { openid: ref.openid, name: text(ref.name, `${what}姓名`, 20) };
}

export function isSatisfaction(value: number): value is Satisfaction {
  return Number.isInteger(value) && value >= 1 && value <= 5;
}

/** The actor as the ledger keeps it: without the units they act for. */
export function actorOf(actor: Actor): Actor {
  return { openid: actor.openid, role: actor.role, name: actor.name };
}
