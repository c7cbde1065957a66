// SPDX-License-Identifier: GPL-3.0-or-later
#include "mucadmin.h"

#include "../../iqutil.h"

#include <QCoreApplication>

#include <array>
#include <utility>

namespace parla::xmpp::mucadmin {

namespace {

constexpr std::array<std::pair<RoomRole, const char16_t *>, 4> kRoles{{
    {RoomRole::None, u"none"},
    {RoomRole::Visitor, u"visitor"},
    {RoomRole::Participant, u"participant"},
    {RoomRole::Moderator, u"moderator"},
}};

constexpr std::array<std::pair<RoomAffiliation, const char16_t *>, 5> kAffiliations{{
    {RoomAffiliation::None, u"none"},
    {RoomAffiliation::Outcast, u"outcast"},
    {RoomAffiliation::Member, u"member"},
    {RoomAffiliation::Admin, u"admin"},
    {RoomAffiliation::Owner, u"owner"},
}};

QString tr(const char *text)
{
    return QCoreApplication::translate("MucAdmin", text);
}

Element ownerQuery()
{
    return Element(QStringLiteral("query"), NsMucOwner);
}

Element adminQuery(Element item)
{
    Element query(QStringLiteral("query"), NsMucAdmin);
    query.appendChild(item);
    return query;
}

/// <reason/> in the parent's namespace (an element without one would be written xmlns='').
void addReason(Element &parent, const QString &reason)
{
    if (!reason.isEmpty())
        parent.appendTextChild(QStringLiteral("reason"), reason, parent.xmlns());
}

bool setIfPresent(DataForm &form, QStringView var, const QString &value)
{
    DataFormField *f = form.field(var);
    if (!f)
        return false;
    if (!f->options.empty()) {
        // A list field only takes one of its options (XEP-0004 §3.3); a service that does not
        // offer the value keeps its own.
        bool offered = false;
        for (const auto &o : f->options)
            offered = offered || o.value == value;
        if (!offered)
            return false;
    }
    f->values = {value};
    return true;
}

} // namespace

QString roleToString(RoomRole role)
{
    for (const auto &[r, s] : kRoles) {
        if (r == role)
            return QString::fromUtf16(s);
    }
    return QStringLiteral("none");
}

std::optional<RoomRole> roleFromString(QStringView text)
{
    for (const auto &[r, s] : kRoles) {
        if (text == QStringView(s))
            return r;
    }
    return std::nullopt;
}

QString affiliationToString(RoomAffiliation affiliation)
{
    for (const auto &[a, s] : kAffiliations) {
        if (a == affiliation)
            return QString::fromUtf16(s);
    }
    return QStringLiteral("none");
}

std::optional<RoomAffiliation> affiliationFromString(QStringView text)
{
    for (const auto &[a, s] : kAffiliations) {
        if (text == QStringView(s))
            return a;
    }
    return std::nullopt;
}

Element configurationRequest(const Jid &room)
{
    return makeIq(u"get", room.bare().toString(), ownerQuery());
}

Element configurationSubmit(const Jid &room, const DataForm &form)
{
    Element query = ownerQuery();
    query.appendChild(form.toSubmit().toElement());
    return makeIq(u"set", room.bare().toString(), query);
}

Element instantRoomRequest(const Jid &room)
{
    DataForm empty;
    empty.type = DataForm::Type::Submit;
    Element query = ownerQuery();
    query.appendChild(empty.toElement());
    return makeIq(u"set", room.bare().toString(), query);
}

Element configurationCancel(const Jid &room)
{
    DataForm cancel;
    cancel.type = DataForm::Type::Cancel;
    Element query = ownerQuery();
    query.appendChild(cancel.toElement());
    return makeIq(u"set", room.bare().toString(), query);
}

Element destroyRequest(const Jid &room, const QString &reason, const Jid &alternate,
                       const QString &alternatePassword)
{
    Element destroy(QStringLiteral("destroy"), NsMucOwner);
    if (alternate.isValid())
        destroy.setAttribute(QStringLiteral("jid"), alternate.bare().toString());
    addReason(destroy, reason);
    if (!alternatePassword.isEmpty())
        destroy.appendTextChild(QStringLiteral("password"), alternatePassword, NsMucOwner);
    Element query = ownerQuery();
    query.appendChild(destroy);
    return makeIq(u"set", room.bare().toString(), query);
}

std::optional<DataForm> configurationFromResult(const Element &iqResult)
{
    const Element query = iqResult.firstChild(u"query", NsMucOwner);
    if (query.isNull())
        return std::nullopt;
    const Element x = query.firstChild(u"x", u"jabber:x:data");
    if (x.isNull())
        return std::nullopt;
    return DataForm::fromElement(x);
}

Element roleRequest(const Jid &room, const QString &nick, RoomRole role, const QString &reason)
{
    Element item(QStringLiteral("item"), NsMucAdmin);
    item.setAttribute(QStringLiteral("nick"), nick);
    item.setAttribute(QStringLiteral("role"), roleToString(role));
    addReason(item, reason);
    return makeIq(u"set", room.bare().toString(), adminQuery(item));
}

Element affiliationRequest(const Jid &room, const Jid &jid, RoomAffiliation affiliation,
                           const QString &reason)
{
    Element item(QStringLiteral("item"), NsMucAdmin);
    // §9.1: affiliations belong to bare JIDs.
    item.setAttribute(QStringLiteral("affiliation"), affiliationToString(affiliation));
    item.setAttribute(QStringLiteral("jid"), jid.bare().toString());
    addReason(item, reason);
    return makeIq(u"set", room.bare().toString(), adminQuery(item));
}

Element affiliationListRequest(const Jid &room, RoomAffiliation affiliation)
{
    Element item(QStringLiteral("item"), NsMucAdmin);
    item.setAttribute(QStringLiteral("affiliation"), affiliationToString(affiliation));
    return makeIq(u"get", room.bare().toString(), adminQuery(item));
}

std::optional<QList<AffiliationEntry>> affiliationListFromResult(const Element &iqResult)
{
    const Element query = iqResult.firstChild(u"query", NsMucAdmin);
    if (query.isNull())
        return std::nullopt;
    QList<AffiliationEntry> entries;
    for (const Element &item : query.childrenNamed(u"item", NsMucAdmin)) {
        const Jid jid = Jid::fromString(item.attribute(u"jid"));
        const auto affiliation = affiliationFromString(item.attribute(u"affiliation"));
        if (!jid.isValid() || !affiliation)
            continue;
        entries.append(AffiliationEntry{jid.toString(), *affiliation, item.attribute(u"nick"),
                                        item.childText(u"reason", NsMucAdmin)});
    }
    return entries;
}

Element moderateRequest(const Jid &room, const QString &stanzaId, const QString &reason)
{
    Element moderate(QStringLiteral("moderate"), NsModerate);
    moderate.setAttribute(QStringLiteral("id"), stanzaId);
    moderate.appendChild(Element(QStringLiteral("retract"), NsRetract));
    addReason(moderate, reason);
    return makeIq(u"set", room.bare().toString(), moderate);
}

RoomListing listingFromInfo(const Jid &room, const QString &itemName, const DiscoInfo *info)
{
    RoomListing listing;
    listing.room = room.bare().toString();
    listing.name = itemName;
    if (info) {
        for (const auto &identity : info->identities) {
            if (identity.category == u"conference" && !identity.name.isEmpty()) {
                listing.name = identity.name;
                break;
            }
        }
        listing.passwordProtected = info->hasFeature(u"muc_passwordprotected");
        listing.membersOnly = info->hasFeature(u"muc_membersonly");
        for (const Element &x : info->extensions) {
            const auto form = DataForm::fromElement(x);
            if (!form || form->formType() != NsRoomInfo)
                continue;
            if (const auto *f = form->field(u"muc#roominfo_description"))
                listing.description = f->value();
            if (const auto *f = form->field(u"muc#roominfo_occupants")) {
                bool ok = false;
                const int n = f->value().toInt(&ok);
                if (ok && n >= 0)
                    listing.occupants = n;
            }
        }
    }
    if (listing.name.isEmpty())
        listing.name = room.local();
    return listing;
}

int applyPreset(DataForm &form, RoomPreset preset)
{
    struct Value
    {
        const char16_t *var;
        const char16_t *value;
    };
    // muc#roomconfig (XEP-0045 §15.5.3). Booleans as "1"/"0" (XEP-0004 §3.3).
    std::vector<Value> values;
    switch (preset) {
    case RoomPreset::Instant:
    case RoomPreset::Custom:
        return 0;
    case RoomPreset::PublicChannel:
        values = {{u"muc#roomconfig_publicroom", u"1"},
                  {u"muc#roomconfig_persistentroom", u"1"},
                  {u"muc#roomconfig_membersonly", u"0"},
                  {u"muc#roomconfig_moderatedroom", u"0"},
                  {u"muc#roomconfig_whois", u"moderators"}};
        break;
    case RoomPreset::PrivateGroup:
        // Hidden, members-only and non-anonymous: what OMEMO in group chats needs (real JIDs).
        values = {{u"muc#roomconfig_publicroom", u"0"},
                  {u"muc#roomconfig_persistentroom", u"1"},
                  {u"muc#roomconfig_membersonly", u"1"},
                  {u"muc#roomconfig_moderatedroom", u"0"},
                  {u"muc#roomconfig_whois", u"anyone"}};
        break;
    case RoomPreset::Moderated:
        values = {{u"muc#roomconfig_publicroom", u"1"},
                  {u"muc#roomconfig_persistentroom", u"1"},
                  {u"muc#roomconfig_membersonly", u"0"},
                  {u"muc#roomconfig_moderatedroom", u"1"},
                  {u"muc#roomconfig_whois", u"moderators"}};
        break;
    }
    int set = 0;
    for (const auto &v : values)
        set += setIfPresent(form, QStringView(v.var), QString::fromUtf16(v.value)) ? 1 : 0;
    return set;
}

Error describeError(const Error &error, Action action, RoomAffiliation target)
{
    if (error.kind != Error::Kind::Stanza)
        return error;
    Error out = error;
    const QString &c = error.stanza.condition;
    const bool refused = c == u"forbidden" || c == u"not-allowed" || c == u"not-authorized";
    const bool ownerOnly = target == RoomAffiliation::Owner || target == RoomAffiliation::Admin;
    if (refused) {
        switch (action) {
        case Action::Configure:
            out.text = tr("Only the room's owner may change its configuration.");
            break;
        case Action::Destroy:
            out.text = tr("Only the room's owner may destroy it.");
            break;
        case Action::SetRole:
            out.text = tr("Only the room's moderators may do this, and not to its admins or "
                          "owners.");
            break;
        case Action::SetAffiliation:
            out.text = ownerOnly
                           ? tr("Only the room's owner may grant or revoke owner and admin rights.")
                           : tr("Only the room's admins and owners may change memberships and "
                                "bans.");
            break;
        case Action::ListAffiliations:
            out.text = ownerOnly ? tr("Only the room's owner may see its owners and admins.")
                                 : tr("Only the room's admins and owners may see this list.");
            break;
        case Action::Moderate:
            out.text = tr("Only the room's moderators may retract messages.");
            break;
        case Action::Create:
            out.text = tr("The service does not allow you to create this room.");
            break;
        case Action::Directory:
            out.text = tr("The service does not let you list its rooms.");
            break;
        }
    } else if (c == u"item-not-found") {
        out.text = action == Action::Moderate  ? tr("The room does not know that message.")
                   : action == Action::SetRole ? tr("Nobody with that nick is in the room.")
                                               : tr("The room does not exist.");
    } else if (c == u"conflict") {
        out.text = action == Action::Create ? tr("The room already exists.")
                                            : tr("That conflicts with the room's state.");
    } else if (c == u"service-unavailable" || c == u"feature-not-implemented") {
        out.text = action == Action::Moderate ? tr("The room does not support retracting messages.")
                                              : tr("The room's service does not support this.");
    } else if (c == u"not-acceptable" || c == u"bad-request") {
        out.text = tr("The room did not accept this request.");
    }
    return out;
}

} // namespace parla::xmpp::mucadmin
