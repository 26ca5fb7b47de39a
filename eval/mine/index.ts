export { loadMine, readMineSet } from './load-mine.js';
export {
  checkAgainstText,
  checkApart,
  MINE_SETS,
  type MineSet,
  type MineSetName,
  MineSetSchema,
} from './mine-set.js';
