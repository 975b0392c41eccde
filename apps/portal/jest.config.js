module.exports = require('../../libs/portal/jest.portal.js')(__dirname, 'portal');
