// 服务指南 and 服务地图: the service catalogue, the provider directory and the map's places.
export * from './catalogue';
export * from './defaults';
export * from './directory';
export * from './notice';
export * from './contracts';
