-- SPDX-License-Identifier: GPL-3.0-or-later
-- TEST FIXTURE ONLY: makes crowds of fake occupants cheap for Prosody 0.12's MUC. Loaded by
-- parla::testing::LocalProsody on the conference component when
-- LocalProsodyOptions::crowdComponentSecret is set; MucCrowd's occupants come from the external
-- component named by muc_crowd_fixture_host.
--
-- Every join is broadcast to everyone in the room, so filling a room with N occupants costs the
-- server ~N²/2 presences (2,000 occupants: two million stanzas; 100 took 4.9 s on a loaded test
-- machine, so 2,000 would take about half an hour). Crowd occupants never read those, so this
-- module does not send them: a crowd occupant receives no occupant list and no presence of anyone else, only its own
-- self-presence (status 110) and everything that is not a presence. Real occupants (the client
-- under test) are served exactly as usual, including every crowd occupant's presence.
local jid_host = require "util.jid".host;

local mod_muc = module:depends("muc");
local room_mt = mod_muc.room_mt;
local crowd_host = module:get_option_string("muc_crowd_fixture_host");
if not crowd_host then
	module:log("error", "muc_crowd_fixture_host is not set; not loading");
	return;
end

local route_to_occupant = room_mt.route_to_occupant;
function room_mt:route_to_occupant(occupant, stanza)
	if stanza.name == "presence" and stanza.attr.from ~= occupant.nick
		and jid_host(occupant.bare_jid) == crowd_host then
		return;
	end
	return route_to_occupant(self, occupant, stanza);
end

local send_occupant_list = room_mt.send_occupant_list;
function room_mt:send_occupant_list(to, filter)
	if jid_host(to) == crowd_host then
		return;
	end
	return send_occupant_list(self, to, filter);
end

module:hook("module-unloaded", function()
	room_mt.route_to_occupant = route_to_occupant;
	room_mt.send_occupant_list = send_occupant_list;
end);
