// 统计: the statistics board the center reports to the 司法局 from (时限, 办结, 满意度).
export * from './board';
export * from './contracts';
export * from './quality';
export * from './satisfaction';
export * from './services';
