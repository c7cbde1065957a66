// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

/// Every XML namespace Parla speaks, in one place (STYLE.md §4).
namespace parla::xmpp::ns {

inline const QString Client = QStringLiteral("jabber:client");
/// The namespace bound to the prefix `xml` in every document (XML Namespaces §3).
inline const QString XmlNamespace = QStringLiteral("http://www.w3.org/XML/1998/namespace");
inline const QString Stream = QStringLiteral("http://etherx.jabber.org/streams");
inline const QString Streams = QStringLiteral("urn:ietf:params:xml:ns:xmpp-streams");
inline const QString Stanzas = QStringLiteral("urn:ietf:params:xml:ns:xmpp-stanzas");
inline const QString Tls = QStringLiteral("urn:ietf:params:xml:ns:xmpp-tls");
inline const QString Sasl = QStringLiteral("urn:ietf:params:xml:ns:xmpp-sasl");
inline const QString Bind = QStringLiteral("urn:ietf:params:xml:ns:xmpp-bind");
inline const QString Session = QStringLiteral("urn:ietf:params:xml:ns:xmpp-session");
inline const QString Roster = QStringLiteral("jabber:iq:roster");
inline const QString RosterVersioning = QStringLiteral("urn:xmpp:features:rosterver");
inline const QString StreamManagement = QStringLiteral("urn:xmpp:sm:3");
inline const QString DiscoInfo = QStringLiteral("http://jabber.org/protocol/disco#info");
inline const QString DiscoItems = QStringLiteral("http://jabber.org/protocol/disco#items");
inline const QString Caps = QStringLiteral("http://jabber.org/protocol/caps");
inline const QString Ping = QStringLiteral("urn:xmpp:ping");
inline const QString Version = QStringLiteral("jabber:iq:version");
inline const QString Time = QStringLiteral("urn:xmpp:time");
inline const QString Register = QStringLiteral("jabber:iq:register");
inline const QString RegisterFeature = QStringLiteral("http://jabber.org/features/iq-register");
inline const QString DataForms = QStringLiteral("jabber:x:data");
inline const QString Oob = QStringLiteral("jabber:x:oob");
inline const QString StanzaId = QStringLiteral("urn:xmpp:sid:0");
inline const QString Receipts = QStringLiteral("urn:xmpp:receipts");
inline const QString ChatStates = QStringLiteral("http://jabber.org/protocol/chatstates");
inline const QString Delay = QStringLiteral("urn:xmpp:delay");
inline const QString Hints = QStringLiteral("urn:xmpp:hints");
inline const QString ChannelBinding = QStringLiteral("urn:xmpp:sasl-cb:0");
inline const QString Carbons = QStringLiteral("urn:xmpp:carbons:2");
inline const QString Forward = QStringLiteral("urn:xmpp:forward:0");
inline const QString Mam = QStringLiteral("urn:xmpp:mam:2");
inline const QString Rsm = QStringLiteral("http://jabber.org/protocol/rsm");

inline const QString ChatMarkers = QStringLiteral("urn:xmpp:chat-markers:0");
inline const QString Correction = QStringLiteral("urn:xmpp:message-correct:0");
inline const QString Retraction = QStringLiteral("urn:xmpp:message-retract:1");
inline const QString Fallback = QStringLiteral("urn:xmpp:fallback:0");
inline const QString Reply = QStringLiteral("urn:xmpp:reply:0");
inline const QString Reactions = QStringLiteral("urn:xmpp:reactions:0");
// End-to-end encryption payloads Parla recognises (and, until omemo/ reads them, names).
inline const QString OmemoLegacy = QStringLiteral("eu.siacs.conversations.axolotl"); // XEP-0384 0.3
inline const QString Omemo2 = QStringLiteral("urn:xmpp:omemo:2");
inline const QString OpenPgp = QStringLiteral("urn:xmpp:openpgp:0");             // XEP-0373
inline const QString LegacyPgp = QStringLiteral("jabber:x:encrypted");           // XEP-0027
inline const QString Moderation = QStringLiteral("urn:xmpp:message-moderate:1"); // XEP-0425

// People (avatars, profiles, blocking): XEP-0060/0163, 0084, 0153, 0054, 0292, 0172, 0012, 0191,
// 0377
inline const QString PubSub = QStringLiteral("http://jabber.org/protocol/pubsub");
inline const QString PubSubEvent = QStringLiteral("http://jabber.org/protocol/pubsub#event");
inline const QString PubSubPublishOptions =
    QStringLiteral("http://jabber.org/protocol/pubsub#publish-options");
inline const QString AvatarData = QStringLiteral("urn:xmpp:avatar:data");
inline const QString AvatarMetadata = QStringLiteral("urn:xmpp:avatar:metadata");
inline const QString VCardUpdate = QStringLiteral("vcard-temp:x:update");
inline const QString VCardTemp = QStringLiteral("vcard-temp");
inline const QString VCard4 = QStringLiteral("urn:ietf:params:xml:ns:vcard-4.0");
inline const QString VCard4Node = QStringLiteral("urn:xmpp:vcard4");
inline const QString Nick = QStringLiteral("http://jabber.org/protocol/nick");
inline const QString LastActivity = QStringLiteral("jabber:iq:last");
inline const QString Blocking = QStringLiteral("urn:xmpp:blocking");
inline const QString BlockingErrors = QStringLiteral("urn:xmpp:blocking:errors");
inline const QString Reporting = QStringLiteral("urn:xmpp:reporting:1");
inline const QString Mds = QStringLiteral("urn:xmpp:mds:displayed:0");

// Bookmarks (XEP-0402, XEP-0048 in XEP-0049 private XML storage) and MUC self-ping (XEP-0410)
inline const QString Bookmarks = QStringLiteral("urn:xmpp:bookmarks:1");
inline const QString BookmarksCompat = QStringLiteral("urn:xmpp:bookmarks:1#compat");
inline const QString PrivateStorage = QStringLiteral("jabber:iq:private");
inline const QString LegacyBookmarks = QStringLiteral("storage:bookmarks");
inline const QString MucSelfPingOptimization =
    QStringLiteral("http://jabber.org/protocol/muc#self-ping-optimization");

} // namespace parla::xmpp::ns
