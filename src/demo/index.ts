export { hasDemoLogin, seedDemoIfEmpty } from './seed-demo.ts';
