// 预约: appointment slots from a unit's 驻点时间, booked one seat at a time.
export * from './schedule';
export * from './booking';
export * from './contracts';
export { BOOKING_REFUSALS, bookingRefusal, type BookingRefusalReason } from './refusal';
export * from './seats';
export * from './places';
export * from './home-visit';
