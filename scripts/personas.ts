export { PERSONAS } from '../core/identity/personas';
