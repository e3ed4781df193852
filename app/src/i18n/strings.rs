//! Every interface string, in both languages. A key missing a language does not compile.

use super::Lang;

macro_rules! keys {
    ($($key:ident => $zh:literal, $en:literal;)*) => {
        /// An interface string.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Key { $($key,)* }

        impl Key {
            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Key::$key, Lang::Zh) => $zh, (Key::$key, Lang::En) => $en,)*
                }
            }
        }
    };
}

keys! {
    // Layout
    ServiceName => "嵩明县掌上办事大厅", "Songming County Palm Hall";
    SkipLink => "跳到主要内容", "Skip to main content";
    MainNav => "主导航", "Main navigation";
    Menu => "菜单", "Menu";
    NavGuide => "办事指南", "Service guide";
    NavPoints => "服务网点", "Service points";
    SignIn => "登录", "Sign in";
    My => "我的", "My account";
    ElderOn => "长辈版（大字）", "Large text";
    ElderOff => "切换到标准版", "Standard text";
    FooterHost => "嵩明县政务服务管理局 主办 · 咨询电话 0871-67911234（工作日 9:00–19:00）",
        "Run by the Songming County Government Services Bureau · Help line 0871-67911234 (working days 9:00–19:00)";
    FooterDemo => "本站服务事项、网点位置和电话为演示数据。",
        "The items, service points and phone numbers on this site are demonstration data.";
    Loading => "正在加载…", "Loading…";
    Back => "返回", "Back";
    BackHome => "返回首页", "Back to home";
    BackGuide => "返回办事指南", "Back to the service guide";
    ComingSoon => "（即将开通）", " (coming soon)";
    ErrorSummaryTitle => "出现问题", "There is a problem";
    // Search box
    SearchLabel => "搜索办事事项", "Search for a service";
    SearchHint => "输入事项名称、材料名称或拼音首字母，如“营业执照”或“yyzz”",
        "Enter the name of a service or a document, or pinyin initials, for example “营业执照” or “yyzz”";
    Search => "搜索", "Search";
    // Home
    HomeTitle => "首页", "Home";
    ByAudience => "按对象查找", "Find by who you are";
    Personal => "个人办事", "For individuals";
    Enterprise => "法人办事", "For businesses";
    Nearby => "可就近办", "Available nearby";
    CountyCentre => "县政务服务中心", "County Government Service Centre";
    Events => "一件事一次办", "Life events, done in one go";
    ByDepartment => "按部门查找", "Find by department";
    BookAndApply => "预约与网上申报", "Appointments and online applications";
    BookAndApplyText => "可以网上预约到服务网点办理的时间，县政务服务中心周末和节假日也可预约；也可以在手机上填写申请、上传材料，网上申报。",
        "Book a time at a service point online; the county hall takes bookings at weekends and on holidays too. Or apply online: fill in the application and upload the documents on your phone.";
    Book => "预约办事", "Book an appointment";
    Track => "办件查询", "Track a case";
    // Guide search
    Filter => "筛选：", "Filter: ";
    ClearFilter => "清除筛选", "Clear filter";
    NoResults => "没有找到相关事项", "No matching services";
    NoResultsTypo => "检查是否有错别字，或换一个说法，如“营业执照”“身份证”",
        "Check the spelling, or try other words, for example “营业执照” or “身份证”";
    NoResultsShort => "只输入关键的两三个字", "Enter only two or three key characters";
    NoResultsPinyin => "用拼音首字母搜索，如“yyzz”", "Search by pinyin initials, for example “yyzz”";
    NoResultsCall => "仍找不到？请拨打 0871-67911234 咨询。", "Still cannot find it? Call 0871-67911234.";
    // Items
    ZeroVisits => "零跑腿", "No visit needed";
    OneVisit => "只跑一次", "One visit at most";
    ZeroVisitsLong => "零跑腿（全程网办或邮寄送达）", "No visit needed (online or by post)";
    ItemKindLabel => "事项类型", "Type";
    Department => "实施部门", "Department";
    HandlingLabel => "办件类型", "Handling";
    TimeLimit => "办理时限", "Time limit";
    Visits => "跑动次数", "Visits";
    OnlineDepth => "网办深度", "Online level";
    Fee => "收费标准", "Fee";
    AudienceLabel => "服务对象", "For";
    LegalBasis => "设定依据", "Legal basis";
    Conditions => "受理条件", "Who can apply";
    Materials => "申请材料", "Documents to bring";
    DeferrableHint => "标“可容缺”的材料暂时缺少时，窗口可先受理（容缺受理），请在告知的期限内补齐。",
        "If a document marked “can follow later” is missing, the window can still accept the application; bring it within the time you are told.";
    Steps => "办理流程", "Steps";
    Places => "办理地点", "Where to go";
    HowToApply => "办理方式", "How to apply";
    ApplyOnline => "网上申报", "Apply online";
    ApplyHere => "在线办理", "Apply online";
    BookVisit => "预约办理", "Book a visit";
    MyBookings => "我的预约", "My bookings";
    Notices => "消息", "Messages";
    ItemWord => "事项", "service";
    // Points
    PointWord => "服务网点", "service point";
    ClosedToday => "今天休息", "Closed today";
    Closed => "休息", "Closed";
    AllYear => "365天不打烊", "Open 365 days";
    Lunch => "午间不打烊", "Open at lunchtime";
    Evening => "延时服务", "Open late";
    Address => "地址", "Address";
    NavigateAmap => "高德地图导航", "Directions in Amap";
    NavigateBaidu => "百度地图导航", "Directions in Baidu Maps";
    Phone => "电话", "Phone";
    Hours => "办公时间", "Opening hours";
    Windows => "窗口分布", "Windows";
    Stations => "辖区便民服务站", "Village service stations nearby";
    WorkingDays => "工作日", "Working days";
    Weekends => "周六、周日", "Saturday and Sunday";
    PublicHolidays => "法定节假日", "Public holidays";
    // Calendar
    CalendarTitle => "节假日与工作日", "Holidays and working days";
    CalendarIntro => "办理时限按工作日计算：周六、周日和法定节假日不计，调休上班日计入。",
        "Time limits count working days: Saturdays, Sundays and public holidays do not count; make-up working days do.";
    CalcTitle => "计算办理期限", "Work out a deadline";
    FromLabel => "受理日期", "Date accepted";
    FromHint => "例如 2026-09-30", "For example 2026-09-30";
    DaysLabel => "承诺时限（工作日）", "Time limit (working days)";
    Calculate => "计算", "Calculate";
    Provisional => "注意：其中有年份的节假日安排尚未发布，暂按周末休息计算，发布后可能调整。",
        "Note: the holidays for one of these years are not published yet, so only weekends are counted as days off; the date may change once they are.";
    Date => "日期", "Date";
    Arrangement => "安排", "Arrangement";
    DayOff => "放假", "day off";
    MakeupWorkday => "调休上班", "make-up working day";
    NotPublishedText => "发布前，本站暂按周六、周日休息计算办公时间和办理时限；管理员录入国务院办公厅通知后即按新安排计算。",
        "Until then this site counts only Saturdays and Sundays as days off for opening hours and time limits; the new arrangement applies once an administrator enters the State Council notice.";
    FromMissing => "请输入受理日期", "Enter the date accepted";
    FromBad => "受理日期格式不正确，请按“2026-09-30”的格式输入", "Enter the date accepted in the format 2026-09-30";
    DaysMissing => "请输入工作日天数", "Enter the number of working days";
    DaysBad => "工作日天数须为0到365之间的整数", "The number of working days must be a whole number from 0 to 365";
    // Not found and errors
    NotFoundText => "如果您是输入的网址，请检查是否有误；如果是扫码或点击链接进入，该内容可能已调整。",
        "If you typed the address, check it is correct. If you followed a link or scanned a code, the content may have moved.";
    NotFoundSearch => "您可以搜索要办理的事项：", "You can search for the service you need:";
    PageWord => "页面", "page";
    Busy => "系统繁忙，请稍后再试", "The service is busy. Please try again later.";
    NoPermission => "您没有办理此项业务的权限", "You are not allowed to do this";
    Unreadable => "提交的内容无法识别，请返回上一页刷新后重新填写", "What was sent could not be read. Go back, refresh the page and fill it in again";
    CheckEntries => "请检查填写的内容", "Check what you entered";
    PleaseSignIn => "请先登录", "Please sign in";
    PleaseSignInText => "该页面需要登录后才能查看。", "You need to sign in to see this page.";
    CitizenSignIn => "群众登录", "Sign in as a resident";
    StaffSignIn => "工作人员登录", "Staff sign in";
    ErrorTitle => "出现问题", "Something went wrong";
    ErrorHeading => "抱歉，服务暂时出现问题", "Sorry, there is a problem with the service";
    ErrorText => "您填写的内容不会丢失。请稍后刷新本页，或拨打 0871-67911234 咨询。",
        "What you entered will not be lost. Refresh this page later, or call 0871-67911234.";
    // Booking (citizen pages; the green channel's staff words are here too, so the flow is one page)
    BookingWord => "预约", "booking";
    BookingNotFound => "找不到该预约", "This booking cannot be found";
    ItemNotFound => "找不到该事项", "This service cannot be found";
    NotAtThisPoint => "该网点不办理此事项", "This service point does not handle this service";
    ChooseATime => "请选择时段", "Choose a time";
    ErrorPrefix => "错误：", "Error: ";
    BookChooseItemTitle => "预约办理：选择事项", "Book a visit: choose a service";
    BookChoosePointTitle => "预约办理：选择网点", "Book a visit: choose a service point";
    BookChooseDayTitle => "预约办理：选择日期", "Book a visit: choose a day";
    BookChooseSlotTitle => "预约办理：选择时段", "Book a visit: choose a time";
    BookSuspendedTitle => "预约办理：暂停服务", "Book a visit: service suspended";
    BookWaitTitle => "预约办理：候补", "Book a visit: waiting list";
    BookCheckTitle => "预约办理：核对信息", "Book a visit: check your answers";
    BackToConsole => "返回工作台", "Back to the staff console";
    WhatItem => "您要办理什么事项？", "What do you need to do?";
    WhatItemGreen => "办事人要办理什么事项？", "What does the person need to do?";
    GreenIntro => "绿色通道：为不方便在网上预约的群众（老年人、残疾人等）现场预约。只能预约本部门的事项。",
        "Green channel: book on the spot for people who cannot book online (older or disabled people, for example). Only your department's services can be booked.";
    ItemName => "事项名称", "Name of the service";
    ItemNameHint => "例如：身份证、营业执照。也可以在办事指南的事项页点“预约办理”。",
        "For example: ID card, business licence. You can also choose “Book a visit” on a service's guide page.";
    NoMatchingItem => "没有找到匹配的事项，请换个说法，或查看", "No matching service. Try other words, or see the ";
    FullStop => "。", ".";
    WherePoint => "您想去哪个网点办理？", "Where would you like to go?";
    WherePointGreen => "在哪个网点办理？", "Where will it be done?";
    VillageLabel => "所在村（社区）", "Your village or community";
    VillageHint => "选择后，网点按路程由近到远排列", "Service points are then listed nearest first";
    PleaseChoose => "请选择", "Choose";
    SortByDistance => "按路程排列", "Sort by distance";
    HallAllYear => "县政务服务中心全年无休（365天不打烊），周末和节假日也可预约。",
        "The county hall is open every day of the year: you can book at weekends and on holidays too.";
    NoPointForItem => "该事项暂无可预约的网点，请直接到就近网点办理。",
        "No service point takes bookings for this service yet. Go to your nearest service point.";
    CaptionGreen => "绿色通道预约", "Green channel booking";
    CaptionChange => "改约", "Change a booking";
    ChooseDay => "选择日期", "Choose a day";
    DayClosed => "不办公", "Closed";
    Suspended => "暂停服务", "Service suspended";
    FullyBooked => "已约满", "Fully booked";
    FullWaitOpen => "已约满，可候补", "Fully booked: waiting list open";
    OtherDay => "选择其他日期", "Choose another day";
    DaySuspendedHint => "当天暂停服务，请选择其他日期。", "Service is suspended that day. Choose another day.";
    DayFullHint => "当天已约满，请选择其他日期，或选择一个时段候补。",
        "That day is fully booked. Choose another day, or choose a time and join its waiting list.";
    Continue => "继续", "Continue";
    WaitingList => "候补", "Waiting list";
    JoinWait => "加入候补", "Join the waiting list";
    MyNameLabel => "您的姓名", "Your name";
    MyNameHint => "本人预约时必填，与身份证件一致，窗口凭此核对。只需填写一次，下次预约自动带出",
        "Needed when you book for yourself, as on your ID card: the window checks it. You enter it once; it is filled in next time";
    RowItem => "事项", "Service";
    RowPoint => "网点", "Service point";
    RowTime => "时间", "Time";
    RowHolder => "办事人", "Who is going";
    RowCode => "预约码", "Booking code";
    RowStatus => "状态", "Status";
    ConfirmChange => "确认改约", "Confirm the change";
    ConfirmBooking => "确认预约", "Confirm the booking";
    BackOtherTime => "返回选择其他时段", "Back to choose another time";
    SlotSuspended => "该时段暂停服务", "Service is suspended at this time";
    ChooseOtherTime => "选择其他时段", "Choose another time";
    SlotFullWait => "该时段已约满，可以候补", "This time is fully booked: you can join the waiting list";
    WaitText => "加入候补后，有人取消时，系统按候补先后自动为您预约，并短信通知您。不需要时可以随时取消候补或取消预约。",
        "When someone cancels, the place goes to the first person on the waiting list and we text them. You can leave the waiting list, or cancel the booking, at any time.";
    Person => "办事人", "The person";
    PersonName => "办事人姓名", "The person's name";
    PersonPhone => "办事人手机号码", "The person's mobile number";
    PersonPhoneHint => "用于短信告知预约码。办事人用此号码登录后可以查看或取消",
        "We text the booking code to this number. The person can sign in with it to see or cancel the booking";
    GreenReason => "办理绿色通道的原因", "Why the green channel is needed";
    ForWhom => "为谁预约", "Who is the booking for?";
    Myself => "本人", "Myself";
    ForFamily => "为家人预约", "A family member";
    FamilyName => "家人姓名（为家人预约时填写）", "Their name (when booking for family)";
    FamilyPhone => "家人手机号码（为家人预约时填写）", "Their mobile number (when booking for family)";
    FamilyPhoneHint => "我们会短信告知家人，家人用此号码登录后可以取消",
        "We will text them; they can sign in with this number to cancel";
    CheckBooking => "请核对预约信息", "Check your booking";
    BackChangeTime => "返回修改时段", "Back to change the time";
    ChangeTime => "修改时段", "Change the time";
    // One booking
    Booked => "预约成功", "Booking confirmed";
    BookingDetails => "预约信息", "Booking details";
    GreenChannel => "绿色通道", "Green channel";
    QueueProgress => "排队进度", "Your place in the queue";
    OpenTicket => "打开排队号页面（可打印）", "Open the ticket page (printable)";
    CheckInQr => "签到二维码", "Check-in QR code";
    CheckInQrText => "到厅后在取号机扫描此二维码，或报预约码给工作人员签到。",
        "When you arrive, scan this code at the ticket machine, or give the booking code to the staff to check in.";
    AddToCalendar => "加入日历（.ics 文件）", "Add to your calendar (.ics file)";
    PleaseBring => "请携带", "Please bring";
    YourId => "本人有效身份证件。", "Your valid ID card.";
    FullGuide => "查看完整办事指南", "See the full service guide";
    WhatNext => "接下来", "What happens next";
    TellPersonText => "已短信告知办事人预约码。办事人用预约时填写的手机号码登录后，可以查看、改约或取消。",
        "The booking code has been texted to the person. They can sign in with that number to see, change or cancel it.";
    BookNextPerson => "为下一位群众预约", "Book for the next person";
    Decline => "谢绝此预约", "Decline this booking";
    Change => "改约", "Change";
    CancelBooking => "取消预约", "Cancel the booking";
    BookAgain => "重新预约", "Book again";
    PublicBookingText => "这是预约的公开信息。预约人登录后可查看详情、改约或取消。",
        "This is the public view of the booking. The person who booked can sign in to see the details, change or cancel it. ";
    HelpText => "如需帮助，请致电网点或在工作时间到服务台咨询。",
        "For help, call the service point or ask at its help desk during opening hours.";
    DeclineTitle => "谢绝预约", "Decline a booking";
    DeclineQuestion => "确定谢绝这个预约吗？", "Are you sure you want to decline this booking?";
    DeclineBack => "不谢绝，返回", "Do not decline, go back";
    DeclineConfirm => "确定谢绝", "Yes, decline it";
    CancelQuestion => "确定取消这个预约吗？", "Are you sure you want to cancel this booking?";
    CancelBack => "不取消，返回", "Do not cancel, go back";
    CancelConfirm => "确定取消", "Yes, cancel it";
    // My bookings
    BackToMy => "返回我的", "Back to my account";
    NewBooking => "新预约", "New booking";
    Upcoming => "待办理", "Upcoming";
    NoUpcoming => "暂无待办理的预约。", "You have no upcoming bookings.";
    Waiting => "候补中", "On waiting lists";
    LeaveWait => "取消候补", "Leave the waiting list";
    PastBookings => "历史预约", "Past bookings";
    LatestNotices => "最新消息", "Latest messages";
    AllNotices => "全部消息", "All messages";
    // Online filing
    DraftNotFound => "找不到该申请草稿", "This draft application cannot be found";
    ChooseDelivery => "请选择结果领取方式", "Choose how to receive the result";
    CaseNotFound => "找不到该办件", "This case cannot be found";
    FileNotFound => "找不到该文件", "This file cannot be found";
    // Messages
    NoticesIntro => "预约成功、预约提醒（前一天和前一小时）、改约、取消、候补成功和网点临时停止服务，都会在这里和短信中告诉您。",
        "We tell you here and by text message when a booking is made, the day and the hour before it, when it is changed or cancelled, when a waiting-list place comes up, and when a service point closes for a while.";
    NoNotices => "暂无消息。", "No messages yet. ";
    // Form parts
    Year => "年", "Year";
    Month => "月", "Month";
    Day => "日", "Day";
    UploadProgress => "上传进度", "Upload progress";
    WarningPrefix => "警告：", "Warning: ";
    // Sign-in and account
    SignInIntro => "输入手机号码，我们会发送一条短信验证码。首次登录将自动注册。",
        "Enter your mobile number and we will text you a code. Signing in for the first time creates your account.";
    PhoneLabel => "手机号码", "Mobile number";
    PhoneHint => "11位手机号码，如 138 1234 5678", "11 digits, like 138 1234 5678";
    GetCode => "获取验证码", "Text me a code";
    EnterPhoneFirst => "请先输入手机号码", "Enter your mobile number first";
    BackToSignIn => "返回登录", "Back to sign in";
    EnterCode => "输入验证码", "Enter the code";
    ChangePhone => "更换手机号码", "Use another number";
    CodeLabel => "短信验证码", "Code from the text message";
    CodeHint => "6位数字", "6 digits";
    ResendCode => "没有收到？重新获取", "Not received? Send a new code";
    NoticeTitle => "个人信息保护告知", "How we use your personal information";
    NoticeIntro => "根据《中华人民共和国个人信息保护法》，在您使用本平台前，请了解我们如何处理您的个人信息：",
        "Under the Personal Information Protection Law of the People’s Republic of China, before you use this service please read how we handle your personal information:";
    Notice1 => "我们只收集办理所选事项所必需的信息，如手机号码、姓名、身份证号码和申请材料。",
        "We collect only what the chosen service needs, such as your mobile number, name, ID card number and documents.";
    Notice2 => "您的信息只用于办理您申请的事项，并按规定交由承办部门处理，不会用于其他目的。",
        "Your information is used only for the services you apply for and is passed to the department that handles them as the rules require, for no other purpose.";
    Notice3 => "页面上显示的身份证号码和手机号码会部分隐藏；工作人员查看您的办件均有记录。",
        "ID card and mobile numbers are partly hidden on screen; every time staff look at your case is recorded.";
    Notice4 => "您可以随时查询、更正您的信息，或申请注销账号。咨询电话 0871-67911234。",
        "You can see and correct your information, or close your account, at any time. Help line 0871-67911234.";
    Agree => "同意并继续", "Agree and continue";
    Disagree => "不同意，退出登录", "Do not agree, sign out";
    Username => "用户名", "Username";
    Password => "密码", "Password";
    SignedOutTitle => "已退出登录", "Signed out";
    SignedOutHeading => "您已退出登录", "You have signed out";
    SignedOutText => "您的登录状态已在本设备和服务器上清除，个人页面不会保留在本机。",
        "You are signed out on this device and on the server; your personal pages are not kept on this device.";
    SignInAgain => "重新登录", "Sign in again";
    Name => "名称", "Name";
    Roles => "身份", "Roles";
    StaffConsole => "进入工作台", "Go to the staff console";
    SignOut => "退出登录", "Sign out";
}
