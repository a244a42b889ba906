import { initiallyOpen, pickerRows, type PickerRow, type PickerUnit } from './tree';

/**
 * A unit chosen from the tree (center → station → village), or found by typing part of its name.
 * Used by 分流 and 转办 on the case page and by 登记来访; the page hands it the units org.list
 * answered and hears `change` with the chosen unit's id and name.
 */
Component({
  properties: {
    units: { type: Array, value: [] as PickerUnit[] },
    value: { type: String, value: '' },
    /** A unit whose branch starts open: the case's own, where a transfer most often goes. */
    near: { type: String, value: '' },
    label: { type: String, value: '选择单位' },
  },
  data: {
    query: '',
    opened: [] as string[],
    rows: [] as PickerRow[],
    chosen: '',
  },
  observers: {
    'units, near'(units: PickerUnit[], near: string) {
      const opened = initiallyOpen(units, this.data.value, near);
      this.setData({ opened });
      this.redraw();
    },
    value() {
      this.redraw();
    },
  },
  methods: {
    redraw() {
      const units = this.data.units as PickerUnit[];
      const chosen = units.find((u) => u.id === this.data.value)?.name ?? '';
      this.setData({ rows: pickerRows(units, this.data.value, this.data.opened, this.data.query), chosen });
    },
    onQuery(e: WechatMiniprogram.Input) {
      this.setData({ query: e.detail.value });
      this.redraw();
    },
    onClear() {
      this.setData({ query: '' });
      this.redraw();
    },
    onToggle(e: WechatMiniprogram.BaseEvent) {
      const id = (e.currentTarget.dataset as { id: string }).id;
      const opened = this.data.opened.includes(id) ? this.data.opened.filter((o) => o !== id) : [...this.data.opened, id];
      this.setData({ opened });
      this.redraw();
    },
    onPick(e: WechatMiniprogram.BaseEvent) {
      const id = (e.currentTarget.dataset as { id: string }).id;
      const unit = (this.data.units as PickerUnit[]).find((u) => u.id === id);
      if (!unit) return;
      this.triggerEvent('change', { value: unit.id, name: unit.name });
    },
  },
});
