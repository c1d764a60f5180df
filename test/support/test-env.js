/* eslint-disable */
// Runs before every spec file: apps started by a test are called directly unless the test turns
// the gateway's internal token on (INTERNAL_AUTH=required), as the internal-auth specs and the
// end-to-end specs through the gateway do.
'use strict';
if (!process.env.INTERNAL_AUTH) process.env.INTERNAL_AUTH = 'off';
