-- SPDX-License-Identifier: GPL-3.0-or-later
-- TEST FIXTURE ONLY: makes a room forget an occupant without telling anyone, the way a room
-- "silently drops" a user (XEP-0410 §1: a restarted or buggy service, a lost s2s link) while the
-- user's c2s stream stays up. Loaded by parla::testing::LocalProsody on the conference component
-- when LocalProsodyOptions::mucSilentDrop is set; never meant for real deployments.
--
-- Request (any entity may send it; the server is a throwaway test fixture):
--   <iq type='set' to='room@conference.host' id='…'>
--     <drop xmlns='urn:parla:test:muc-silent-drop' nick='alice'/>
--   </iq>
-- The occupant room@conference.host/alice is removed from the room's occupant table (every
-- session of it) with no unavailable presence to anyone. The reply is an empty result, or
-- item-not-found when there is no such room or occupant. Afterwards a self-ping from the dropped
-- user gets Prosody's own "not-acceptable" (XEP-0410 §3: not joined), exactly as after a real
-- silent drop.
local st = require "util.stanza";

local xmlns_drop = "urn:parla:test:muc-silent-drop";

local mod_muc = module:depends("muc");

module:hook("iq-set/bare/" .. xmlns_drop .. ":drop", function(event)
	local origin, stanza = event.origin, event.stanza;
	local room = mod_muc.get_room_from_jid(stanza.attr.to);
	local nick = stanza.tags[1].attr.nick;
	if not room or not nick or nick == "" then
		origin.send(st.error_reply(stanza, "cancel", "item-not-found"));
		return true;
	end
	local occupant = room:get_occupant_by_nick(room.jid .. "/" .. nick);
	if not occupant then
		origin.send(st.error_reply(stanza, "cancel", "item-not-found"));
		return true;
	end
	-- An occupant without a role has left: save_occupant removes it from the room's tables
	-- (including the real-JID index), and nothing is broadcast because we call no presence code.
	occupant.role = nil;
	room:save_occupant(occupant);
	module:log("info", "silently dropped %s/%s", room.jid, nick);
	origin.send(st.reply(stanza));
	return true;
end);
