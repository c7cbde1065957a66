// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "accountsapi.h"
#include "chatsapi.h"
#include "peopleapi.h"
#include "roomsapi.h"
#include "searchapi.h"

#include <QObject>

namespace parla {

/// The seam between the UI (or the CLI) and the core (STYLE.md: "the UI reaches the core only
/// through an abstract seam"), as one small interface per area:
///
///   accounts()  AccountsApi  the account list, adding/registering, connecting, certificates
///   chats()     ChatsApi     conversations, messages and message features
///   rooms()     RoomsApi     group chat, room administration, bookmarks
///   people()    PeopleApi    roster, subscriptions, presence, avatars, profiles, blocking
///   search()    SearchApi    full-text search of the history
///
/// A new area gets its own interface the same way (encryption, file transfer and calls will:
/// `EncryptionApi &encryption()`, …), so that a feature touches its area's interface, its
/// implementation and its fake, not one class with a virtual per feature.
///
/// Implemented by services::AppSession (one small class per area, see appsession.h); the UI
/// tests use parla::test::FakeSession. Accounts and peers are bare JIDs as strings; every
/// model uses the roles of models/roles.h. Each area object lives as long as the Session.
class Session : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual AccountsApi &accounts() = 0;
    virtual ChatsApi &chats() = 0;
    virtual RoomsApi &rooms() = 0;
    virtual PeopleApi &people() = 0;
    virtual SearchApi &search() = 0;
};

} // namespace parla
