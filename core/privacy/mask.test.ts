import { maskField, maskIdNumber, maskNumbersIn, maskPhone } from './mask';

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

describe('the other protected kinds', () => {
  it('shows an ID number by its first three and last two characters, the check letter upper-cased', () => {
    expect(maskIdNumber(' 42010219800101123x ')).toBe('420*************3X');
    expect(maskField('idNumber', '420102800101123')).toBe('420**********23');
    expect(maskIdNumber('1234')).toBe('****');
  });

  it('shows only that an income or a statement was given, never a figure or a word of it', () => {
    expect(maskField('income', '2350')).toBe('已填写');
    expect(maskField('statement', ' 丈夫长期打我，我想离婚 ')).toBe('已填写（11字）');
    expect(maskField('phone', '13712347777')).toBe('137****7777');
  });

  it('masks numbers typed into free text the same way', () => {
    expect(maskNumbersIn('身份证420102198001011234，电话13712347777')).toBe('身份证420*************34，电话137****7777');
  });
});
