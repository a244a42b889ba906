/** Where the self-check's answers wait for the application; nothing about them leaves the phone until a draft is saved. */
export const ANSWERS_KEY = 'legalAid.answers';
