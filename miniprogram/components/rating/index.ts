import { RATING_DIMENSION_LABELS, RATING_DIMENSIONS, RATING_LEVEL_LABELS, type RatingInput, type RatingLevel } from '@core';

/**
 * The 好差评 form every rated service shares (a case, a booking, a group question): how satisfied,
 * 问题解决了吗, the three dimensions (each optional) and a comment. It sends what was picked as a
 * `submit` event carrying a RatingInput; whether it is acceptable is the function's (core's) call.
 */
const LEVELS = ([5, 4, 3, 2, 1] as const).map((v) => ({ value: String(v), label: RATING_LEVEL_LABELS[v as RatingLevel] }));
const SOLVED = [
  { value: 'yes', label: '解决了' },
  { value: 'no', label: '没解决' },
];
const QUESTIONS = [
  { key: 'satisfaction', label: '您对这次服务满意吗', options: LEVELS },
  { key: 'solved', label: '您的问题解决了吗（可不选）', options: SOLVED },
  ...RATING_DIMENSIONS.map((d) => ({ key: d, label: `${RATING_DIMENSION_LABELS[d]}（可不选）`, options: LEVELS })),
];

/** What the picks amount to: only what was answered is sent. */
function ratingFrom(values: Record<string, string>): RatingInput {
  const dimensions = Object.fromEntries(RATING_DIMENSIONS.filter((d) => (values[d] ?? '') !== '').map((d) => [d, Number(values[d])]));
  const comment = (values.comment ?? '').trim();
  return {
    satisfaction: Number(values.satisfaction || 0),
    ...(Object.keys(dimensions).length > 0 && { dimensions }),
    ...((values.solved ?? '') !== '' && { solved: values.solved === 'yes' }),
    ...(comment !== '' && { comment }),
  };
}

Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    title: { type: String, value: '评价' },
    /** Sending: the buttons wait. */
    working: { type: Boolean, value: false },
  },
  data: {
    questions: QUESTIONS,
    values: {} as Record<string, string>,
  },
  methods: {
    onPick(e: WechatMiniprogram.BaseEvent) {
      const { key, value } = e.currentTarget.dataset as { key: string; value: string };
      // A second tap on an optional answer takes it back.
      const same = this.data.values[key] === value && key !== 'satisfaction';
      this.setData({ [`values.${key}`]: same ? '' : value });
    },
    onComment(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ 'values.comment': e.detail.value });
    },
    onSubmit() {
      if (this.data.working) return;
      this.triggerEvent('submit', ratingFrom(this.data.values));
    },
    onCancel() {
      this.triggerEvent('cancel');
    },
  },
});
