export { loadMine, readMineSet } from './load-mine.js';
export {
  checkAgainstText,
  checkApart,
  isHeldOut,
  MINE_SET_USE,
  MINE_SETS,
  type MineSet,
  type MineSetName,
  MineSetSchema,
} from './mine-set.js';
