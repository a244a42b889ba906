// Tests that use wx-server-sdk directly: skip @cloudbase/node-sdk's off-cloud metadata probe
// (it adds ~60 ms per request and leaves DNS lookups that keep jest alive); serviceUrl still routes.
process.env.TENCENTCLOUD = 'true';
