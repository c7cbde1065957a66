-- SPDX-License-Identifier: GPL-3.0-or-later
-- TEST FIXTURE ONLY: a minimal XEP-0425 (Message Moderation, v0.3) for Prosody 0.12's MUC,
-- which does not ship one. Loaded by parla::testing::LocalProsody on the conference component
-- when LocalProsodyOptions::mucModeration is set. It implements the request IQ (§4) and the
-- broadcast (§4.1), archived as XEP-0424 §7 requires, and rewrites the archived message into a
-- tombstone (§6), so that Parla's client side (live and MAM catch-up) can be tested against a
-- real server. It is not meant for real deployments.
local st = require "util.stanza";
local jid_split = require "util.jid".split;
local datetime = require "util.datetime";

local xmlns_moderate = "urn:xmpp:message-moderate:1";
local xmlns_retract = "urn:xmpp:message-retract:1";
local xmlns_occupant_id = "urn:xmpp:occupant-id:0";

local mod_muc = module:depends("muc");
local muc_log = module:open_store("muc_log", "archive");
local role_rank = { none = 0, visitor = 1, participant = 2, moderator = 3 };

module:hook("muc-disco#info", function(event)
	event.reply:tag("feature", { var = xmlns_moderate }):up();
end);

module:hook("iq-set/bare/" .. xmlns_moderate .. ":moderate", function(event)
	local origin, stanza = event.origin, event.stanza;
	local room = mod_muc.get_room_from_jid(stanza.attr.to);
	if not room then
		origin.send(st.error_reply(stanza, "cancel", "item-not-found"));
		return true;
	end
	local request = stanza.tags[1];
	local stanza_id = request.attr.id;
	if not stanza_id or stanza_id == "" then
		origin.send(st.error_reply(stanza, "modify", "bad-request", "Missing id"));
		return true;
	end
	local actor_nick = room:get_occupant_jid(stanza.attr.from);
	if not actor_nick or (role_rank[room:get_role(actor_nick) or "none"] or 0) < role_rank.moderator then
		origin.send(st.error_reply(stanza, "auth", "forbidden",
			"Only moderators are allowed to moderate other participants' messages"));
		return true;
	end
	local room_node = jid_split(room.jid);
	local original;
	local items = muc_log:find(room_node, { key = stanza_id; limit = 1 });
	if items then
		for _, item in items do original = item; end
	end
	if not original then
		origin.send(st.error_reply(stanza, "cancel", "item-not-found"));
		return true;
	end
	local announcement = st.message({ type = "groupchat", from = room.jid, id = stanza.attr.id .. "-retraction" })
		:tag("retract", { xmlns = xmlns_retract, id = stanza_id })
			:tag("moderated", { xmlns = xmlns_moderate, by = actor_nick });
	local actor = room:get_occupant_by_nick(actor_nick);
	if actor and actor.stable_id then
		announcement:tag("occupant-id", { xmlns = xmlns_occupant_id, id = actor.stable_id }):up();
	end
	announcement:up();
	local reason = request:get_child_text("reason");
	if reason then
		announcement:text_tag("reason", reason);
	end
	-- XEP-0424 §7: the archive MUST keep the retraction (it has no body: ask for it).
	announcement:reset():tag("store", { xmlns = "urn:xmpp:hints" }):up();
	-- §6: the archived message becomes a tombstone (the author's occupant-id stays).
	local tombstone = st.message({ type = "groupchat", from = original.attr.from, id = original.attr.id });
	local author_id = original:get_child("occupant-id", xmlns_occupant_id);
	if author_id then
		tombstone:add_child(st.clone(author_id));
	end
	tombstone:tag("retracted", { xmlns = xmlns_retract, stamp = datetime.datetime() })
		:tag("moderated", { xmlns = xmlns_moderate, by = actor_nick }):up();
	if reason then
		tombstone:text_tag("reason", reason);
	end
	tombstone:up();
	muc_log:set(room_node, stanza_id, tombstone);
	room:broadcast_message(announcement);
	origin.send(st.reply(stanza));
	return true;
end);
