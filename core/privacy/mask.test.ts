import { maskPhone } from './mask';

describe('maskPhone', () => {
  it('keeps the first three and last four digits of a mobile number', () => {
    expect(maskPhone('13800001234')).toBe('138****1234');
  });

  it('masks a landline with its area code the same way, length kept', () => {
    expect(maskPhone('0710-1234567')).toBe('071*****4567');
  });

  it('never shows a short number whole', () => {
    expect(maskPhone('12345')).toBe('*2345');
    expect(maskPhone('1234')).toBe('****');
    expect(maskPhone('')).toBe('');
  });
});
