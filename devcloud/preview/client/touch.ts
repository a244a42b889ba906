/**
 * Mini-programs listen for touches, and j-component makes `tap` out of touchstart/touchend. A
 * mouse (or a test's click) sends pointer events only, so each mouse press inside the phone is
 * replayed as the touch sequence a finger would make, on the same element. Touches on a canvas
 * also carry `x`/`y` relative to the canvas, as WeChat's canvas touch events do.
 */

let pressed: Element | null = null;
let nextId = 1;

function canvasOf(target: EventTarget | null): HTMLCanvasElement | null {
  if (!(target instanceof Element)) return null;
  const host = target.closest('wx-canvas');
  return host ? (host.querySelector('canvas.px-native') as HTMLCanvasElement | null) : null;
}

/** WeChat's canvas touches: x/y in the canvas's own coordinates. */
function withCanvasXY(touch: Touch, canvas: HTMLCanvasElement | null): Touch {
  if (canvas) {
    const r = canvas.getBoundingClientRect();
    Object.defineProperty(touch, 'x', { value: touch.clientX - r.left, configurable: true });
    Object.defineProperty(touch, 'y', { value: touch.clientY - r.top, configurable: true });
  }
  return touch;
}

function touchFrom(e: PointerEvent, target: Element): Touch {
  return withCanvasXY(
    new Touch({ identifier: nextId, target, clientX: e.clientX, clientY: e.clientY, pageX: e.pageX, pageY: e.pageY, screenX: e.screenX, screenY: e.screenY }),
    canvasOf(target),
  );
}

function replay(type: 'touchstart' | 'touchmove' | 'touchend', e: PointerEvent, target: Element): void {
  const touch = touchFrom(e, target);
  const active = type === 'touchend' ? [] : [touch];
  target.dispatchEvent(new TouchEvent(type, { bubbles: true, cancelable: true, composed: true, touches: active, targetTouches: active, changedTouches: [touch] }));
}

export function installTouch(phone: HTMLElement): void {
  phone.addEventListener(
    'pointerdown',
    (e) => {
      if (e.pointerType === 'touch' || e.button !== 0 || !(e.target instanceof Element)) return;
      // Native controls inside built-ins (an <input>) get the mouse as usual, and the tap too.
      pressed = e.target;
      nextId += 1;
      replay('touchstart', e, pressed);
    },
    true,
  );
  window.addEventListener(
    'pointermove',
    (e) => {
      if (!pressed || e.pointerType === 'touch') return;
      replay('touchmove', e, pressed);
    },
    true,
  );
  window.addEventListener(
    'pointerup',
    (e) => {
      if (!pressed || e.pointerType === 'touch') return;
      const target = pressed;
      pressed = null;
      replay('touchend', e, target);
    },
    true,
  );
  // Real fingers: only the canvas coordinates are missing.
  for (const type of ['touchstart', 'touchmove', 'touchend'] as const) {
    phone.addEventListener(
      type,
      (e) => {
        if (!e.isTrusted) return;
        const canvas = canvasOf(e.target);
        if (!canvas) return;
        for (const list of [e.touches, e.changedTouches]) for (let i = 0; i < list.length; i++) withCanvasXY(list[i] as Touch, canvas);
      },
      true,
    );
  }
}
