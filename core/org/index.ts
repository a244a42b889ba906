// 服务网点: the three tiers (中心 → 工作站 → 工作室) and each unit's 公示栏.
export * from './tiers';
export * from './contracts';
