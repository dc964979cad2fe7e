<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../screens/attract.py" line="113"/>
        <source>Welcome. Touch a service on the screen to begin.</source>
        <translation>欢迎使用。请点击屏幕上的业务开始办理。</translation>
    </message>
    <message>
        <location filename="../screens/attract.py" line="117"/>
        <source>Welcome to the self-service terminal</source>
        <translation>欢迎使用政务服务自助终端</translation>
    </message>
    <message>
        <location filename="../screens/attract.py" line="118"/>
        <source>Touch a service below to begin</source>
        <translation>请点击下方业务开始</translation>
    </message>
</context>
<context>
    <name>CallStaffScreen</name>
    <message>
        <location filename="../screens/call_staff.py" line="47"/>
        <source>Call staff</source>
        <translation>呼叫工作人员</translation>
    </message>
    <message>
        <location filename="../screens/call_staff.py" line="48"/>
        <source>A staff member has been called. Please wait here.</source>
        <translation>已为您呼叫工作人员，请在此稍候。</translation>
    </message>
    <message>
        <location filename="../screens/call_staff.py" line="49"/>
        <source>Touch Back to continue what you were doing while you wait.</source>
        <translation>等候期间，可点击“返回”继续刚才的操作。</translation>
    </message>
</context>
<context>
    <name>CaptureScreen</name>
    <message>
        <location filename="../screens/capture_screen.py" line="276"/>
        <source>The picture could not be taken. Please try again.</source>
        <translation>没能拍下照片，请再试一次。</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/capture_screen.py" line="328"/>
        <source>Scanning… %n page(s) so far</source>
        <translation>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/capture_screen.py" line="330"/>
        <source>Put the next page on the scanner and touch Scan, or touch Done.</source>
        <translation>请放入下一页后点“扫描”，或点“完成”。</translation>
    </message>
    <message>
        <location filename="../screens/capture_screen.py" line="332"/>
        <location filename="../screens/capture_screen.py" line="465"/>
        <source>Put the document on the scanner, then touch Scan.</source>
        <translation>请把材料放到扫描仪上，然后点“扫描”。</translation>
    </message>
    <message>
        <location filename="../screens/capture_screen.py" line="383"/>
        <source>Put the page back in view: it is taken again when still.</source>
        <translation>请把这一页重新放进取景框，放稳后会自动重拍。</translation>
    </message>
    <message>
        <location filename="../screens/capture_screen.py" line="400"/>
        <source>Page %1</source>
        <translation>第 %1 页</translation>
    </message>
    <message>
        <location filename="../screens/capture_screen.py" line="422"/>
        <source>Your pages appear here.</source>
        <translation>拍好的页面会显示在这里。</translation>
    </message>
    <message>
        <location filename="../screens/capture_screen.py" line="466"/>
        <source>Lay the page flat under the camera and hold still: it is taken by itself.</source>
        <translation>请把材料平放在高拍仪下并保持不动，会自动拍照。</translation>
    </message>
    <message>
        <location filename="../screens/capture_screen.py" line="471"/>
        <source>Capture: %1</source>
        <translation>拍摄：%1</translation>
    </message>
    <message>
        <location filename="../screens/capture_screen.py" line="473"/>
        <source>Capture</source>
        <translation>拍摄材料</translation>
    </message>
    <message>
        <location filename="../screens/capture_screen.py" line="477"/>
        <source>Lay the page flat under the camera. When the outline turns green and the page is still, the picture is taken by itself.</source>
        <translation>请把材料平放在高拍仪下。材料放稳、边框变绿后，会自动拍照。</translation>
    </message>
    <message>
        <location filename="../screens/capture_screen.py" line="482"/>
        <source>Scan</source>
        <translation>扫描</translation>
    </message>
    <message>
        <location filename="../screens/capture_screen.py" line="483"/>
        <source>Stop scanning</source>
        <translation>停止扫描</translation>
    </message>
    <message>
        <location filename="../screens/capture_screen.py" line="484"/>
        <source>Retake</source>
        <translation>重拍</translation>
    </message>
    <message>
        <location filename="../screens/capture_screen.py" line="485"/>
        <source>Move earlier</source>
        <translation>往前移</translation>
    </message>
    <message>
        <location filename="../screens/capture_screen.py" line="486"/>
        <source>Move later</source>
        <translation>往后移</translation>
    </message>
    <message>
        <location filename="../screens/capture_screen.py" line="487"/>
        <source>Delete page</source>
        <translation>删除此页</translation>
    </message>
    <message>
        <location filename="../screens/capture_screen.py" line="488"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../screens/capture_screen.py" line="489"/>
        <source>Take picture</source>
        <translation>拍照</translation>
    </message>
    <message>
        <location filename="../screens/capture_screen.py" line="490"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../screens/capture_screen.py" line="495"/>
        <source>Scanning progress</source>
        <translation>扫描进度</translation>
    </message>
    <message>
        <location filename="../screens/capture_screen.py" line="496"/>
        <source>Camera picture</source>
        <translation>高拍仪画面</translation>
    </message>
    <message>
        <location filename="../screens/capture_screen.py" line="497"/>
        <source>The selected page</source>
        <translation>选中的页面</translation>
    </message>
</context>
<context>
    <name>CardRemovedNotice</name>
    <message>
        <location filename="../widgets/identity_card_removed_notice.py" line="51"/>
        <source>Your card was removed</source>
        <translation>您的卡已取出</translation>
    </message>
    <message>
        <location filename="../widgets/identity_card_removed_notice.py" line="54"/>
        <source>To protect your information, this session ends now and everything you entered is cleared.</source>
        <translation>为保护您的信息，本次办理将结束，您输入的内容将全部清除。</translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <location filename="../screens/catalog_texts.py" line="28"/>
        <source>Having a baby</source>
        <translation>生育</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="29"/>
        <source>Education</source>
        <translation>教育</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="30"/>
        <source>Jobs and starting out</source>
        <translation>就业创业</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="31"/>
        <source>Social security</source>
        <translation>社会保障</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="32"/>
        <source>Marriage</source>
        <translation>婚姻</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="33"/>
        <source>Housing</source>
        <translation>住房</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="34"/>
        <source>Medical care</source>
        <translation>医疗</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="35"/>
        <source>Elderly care</source>
        <translation>养老</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="36"/>
        <source>Household registration</source>
        <translation>户籍</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="37"/>
        <source>Transport</source>
        <translation>交通出行</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="38"/>
        <source>Disability</source>
        <translation>残疾人</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="39"/>
        <source>Starting a business</source>
        <translation>开办企业</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="40"/>
        <source>Business permits</source>
        <translation>经营许可</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="41"/>
        <source>Taxes</source>
        <translation>纳税</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="42"/>
        <source>Construction projects</source>
        <translation>工程建设</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="43"/>
        <source>Closing a business</source>
        <translation>注销</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="51"/>
        <source>City level</source>
        <translation>市级</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="52"/>
        <source>Counties and districts</source>
        <translation>县区</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="53"/>
        <source>Towns and streets</source>
        <translation>乡镇街道</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="61"/>
        <source>Fully online</source>
        <translation>全程网办</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="62"/>
        <source>At most one visit</source>
        <translation>最多跑一次</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="63"/>
        <source>You must come in person</source>
        <translation>必须到现场</translation>
    </message>
</context>
<context>
    <name>CatalogBrowseScreen</name>
    <message>
        <location filename="../screens/catalog_browse.py" line="146"/>
        <source>Choose a life event, a department, or an area to see its services.</source>
        <translation>请选择人生事项、部门或地区，查看相关服务。</translation>
    </message>
    <message>
        <location filename="../screens/catalog_browse.py" line="150"/>
        <source>Browse services</source>
        <translation>分类浏览</translation>
    </message>
    <message>
        <location filename="../screens/catalog_browse.py" line="151"/>
        <source>Life events and themes</source>
        <translation>人生事项与主题</translation>
    </message>
    <message>
        <location filename="../screens/catalog_browse.py" line="152"/>
        <location filename="../screens/catalog_browse.py" line="266"/>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../screens/catalog_browse.py" line="153"/>
        <source>Level and area</source>
        <translation>层级与地区</translation>
    </message>
    <message>
        <location filename="../screens/catalog_browse.py" line="154"/>
        <source>Show all</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <location filename="../screens/catalog_browse.py" line="260"/>
        <source>For residents</source>
        <translation>个人办事</translation>
    </message>
    <message>
        <location filename="../screens/catalog_browse.py" line="261"/>
        <source>For enterprises</source>
        <translation>法人办事</translation>
    </message>
    <message>
        <location filename="../screens/catalog_browse.py" line="273"/>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../screens/catalog_browse.py" line="278"/>
        <source>County or district</source>
        <translation>县（市、区）</translation>
    </message>
    <message>
        <location filename="../screens/catalog_browse.py" line="284"/>
        <source>Town or street</source>
        <translation>乡镇（街道）</translation>
    </message>
    <message>
        <location filename="../screens/catalog_browse.py" line="370"/>
        <source>Loading the list of services…</source>
        <translation>正在载入服务事项…</translation>
    </message>
    <message>
        <location filename="../screens/catalog_browse.py" line="373"/>
        <source>%1 services, the %2 most used first</source>
        <translation>共 %1 项服务，显示最常办理的 %2 项</translation>
    </message>
    <message>
        <location filename="../screens/catalog_browse.py" line="378"/>
        <source>%1 services</source>
        <translation>共 %1 项服务</translation>
    </message>
</context>
<context>
    <name>CatalogSearchScreen</name>
    <message>
        <location filename="../screens/catalog_search.py" line="159"/>
        <source>Type the name of a service, in Chinese characters or pinyin.</source>
        <translation>请输入服务名称，汉字或拼音均可。</translation>
    </message>
    <message>
        <location filename="../screens/catalog_search.py" line="163"/>
        <source>Find a service</source>
        <translation>查找服务</translation>
    </message>
    <message>
        <location filename="../screens/catalog_search.py" line="164"/>
        <source>For example 身份证, shenfenzheng or sfz</source>
        <translation>例如：身份证、shenfenzheng 或 sfz</translation>
    </message>
    <message>
        <location filename="../screens/catalog_search.py" line="165"/>
        <source>Search for a service</source>
        <translation>搜索服务事项</translation>
    </message>
    <message>
        <location filename="../screens/catalog_search.py" line="166"/>
        <location filename="../screens/catalog_search.py" line="167"/>
        <source>Browse by category</source>
        <translation>分类浏览</translation>
    </message>
    <message>
        <location filename="../screens/catalog_search.py" line="168"/>
        <source>Call staff</source>
        <translation>呼叫工作人员</translation>
    </message>
    <message>
        <location filename="../screens/catalog_search.py" line="245"/>
        <source>Loading the list of services…</source>
        <translation>正在载入服务事项…</translation>
    </message>
    <message>
        <location filename="../screens/catalog_search.py" line="248"/>
        <source>The list of services cannot be shown right now. Please ask at the counter.</source>
        <translation>暂时无法显示服务事项，请到窗口咨询。</translation>
    </message>
    <message>
        <location filename="../screens/catalog_search.py" line="252"/>
        <source>No service matches “%1”. Try fewer characters, browse by category, or call a staff member.</source>
        <translation>没有找到与“%1”相关的服务。请减少输入的字数、分类浏览，或呼叫工作人员。</translation>
    </message>
</context>
<context>
    <name>ConsentScreen</name>
    <message>
        <location filename="../screens/consent_screen.py" line="89"/>
        <source>Submitting…</source>
        <translation>正在提交…</translation>
    </message>
    <message>
        <location filename="../screens/consent_screen.py" line="108"/>
        <source>Read how your information is used, tick I agree, sign, then Submit.</source>
        <translation>请阅读个人信息的使用说明，勾选“我同意”并签名，然后点“提交”。</translation>
    </message>
    <message>
        <location filename="../screens/consent_screen.py" line="112"/>
        <source>Your consent</source>
        <translation>个人信息授权</translation>
    </message>
    <message>
        <location filename="../screens/consent_screen.py" line="120"/>
        <source>I have read this and agree that my information is processed as described.</source>
        <translation>我已阅读以上内容，同意按上述方式处理我的个人信息。</translation>
    </message>
    <message>
        <location filename="../screens/consent_screen.py" line="122"/>
        <source>I agree</source>
        <translation>我同意</translation>
    </message>
    <message>
        <location filename="../screens/consent_screen.py" line="124"/>
        <source>Sign here with your finger</source>
        <translation>请用手指在下方签名</translation>
    </message>
    <message>
        <location filename="../screens/consent_screen.py" line="125"/>
        <source>Signature box</source>
        <translation>签名区</translation>
    </message>
    <message>
        <location filename="../screens/consent_screen.py" line="126"/>
        <location filename="../screens/consent_screen.py" line="127"/>
        <source>Clear signature</source>
        <translation>清除签名</translation>
    </message>
    <message>
        <location filename="../screens/consent_screen.py" line="128"/>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <location filename="../screens/consent_screen.py" line="129"/>
        <source>Submit the application</source>
        <translation>提交申请</translation>
    </message>
    <message>
        <location filename="../screens/consent_screen.py" line="132"/>
        <source>The receipt printer is out of paper. After you submit, your receipt is shown on the screen: take a photo of it and its QR code.</source>
        <translation>回执打印机缺纸。提交后回执将显示在屏幕上，请用手机拍下回执和二维码。</translation>
    </message>
    <message>
        <location filename="../screens/consent_screen.py" line="136"/>
        <source>The receipt printer is not working. After you submit, your receipt is shown on the screen: take a photo of it and its QR code.</source>
        <translation>回执打印机暂时无法使用。提交后回执将显示在屏幕上，请用手机拍下回执和二维码。</translation>
    </message>
    <message>
        <location filename="../screens/consent_screen.py" line="140"/>
        <source>This terminal has no receipt printer. After you submit, your receipt is shown on the screen: take a photo of it and its QR code.</source>
        <translation>本机没有回执打印机。提交后回执将显示在屏幕上，请用手机拍下回执和二维码。</translation>
    </message>
</context>
<context>
    <name>CreditCodeKeypad</name>
    <message>
        <location filename="../widgets/identity_credit_code_keypad.py" line="95"/>
        <source>✓ The code is valid</source>
        <translation>✓ 代码校验通过</translation>
    </message>
    <message>
        <location filename="../widgets/identity_credit_code_keypad.py" line="98"/>
        <source>The last character (the check character) does not match. Please check the code.</source>
        <translation>最后一位（校验码）不正确，请核对代码。</translation>
    </message>
    <message>
        <location filename="../widgets/identity_credit_code_keypad.py" line="101"/>
        <source>This is not a valid unified social credit code. Please check it.</source>
        <translation>这不是有效的统一社会信用代码，请核对。</translation>
    </message>
    <message>
        <location filename="../widgets/identity_credit_code_keypad.py" line="103"/>
        <source>%1 of 18 characters</source>
        <translation>已输入 %1 / 18 位</translation>
    </message>
    <message>
        <location filename="../widgets/identity_credit_code_keypad.py" line="119"/>
        <source>Character %1</source>
        <translation>字符 %1</translation>
    </message>
    <message>
        <location filename="../widgets/identity_credit_code_keypad.py" line="120"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../widgets/identity_credit_code_keypad.py" line="121"/>
        <source>Delete the last character</source>
        <translation>删除最后一位</translation>
    </message>
    <message>
        <location filename="../widgets/identity_credit_code_keypad.py" line="122"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../widgets/identity_credit_code_keypad.py" line="123"/>
        <source>Clear the code</source>
        <translation>清空代码</translation>
    </message>
    <message>
        <location filename="../widgets/identity_credit_code_keypad.py" line="124"/>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
</context>
<context>
    <name>FilterChips</name>
    <message>
        <location filename="../screens/catalog_search.py" line="64"/>
        <source>For residents</source>
        <translation>个人办事</translation>
    </message>
    <message>
        <location filename="../screens/catalog_search.py" line="65"/>
        <source>For enterprises</source>
        <translation>法人办事</translation>
    </message>
    <message>
        <location filename="../screens/catalog_search.py" line="66"/>
        <source>Can be done here</source>
        <translation>本机可办</translation>
    </message>
</context>
<context>
    <name>Footer</name>
    <message>
        <location filename="../widgets/footer.py" line="44"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../widgets/footer.py" line="45"/>
        <source>Back to the previous screen</source>
        <translation>返回上一页</translation>
    </message>
    <message>
        <location filename="../widgets/footer.py" line="46"/>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <location filename="../widgets/footer.py" line="47"/>
        <source>Home screen</source>
        <translation>回到首页</translation>
    </message>
    <message>
        <location filename="../widgets/footer.py" line="48"/>
        <source>Start over</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <location filename="../widgets/footer.py" line="49"/>
        <source>Start over and clear everything</source>
        <translation>重新开始并清除全部信息</translation>
    </message>
</context>
<context>
    <name>FormScreen</name>
    <message numerus="yes">
        <location filename="../screens/form_screen.py" line="76"/>
        <source>%n answer(s) need attention: see the red notes.</source>
        <translation>
            <numerusform>有%n项需要修改，请看红色提示。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/form_screen.py" line="83"/>
        <source>Fill in the form. Answers from your card are already filled in.</source>
        <translation>请填写申请表。证件上的信息已自动填好。</translation>
    </message>
    <message>
        <location filename="../screens/form_screen.py" line="89"/>
        <source>Application form</source>
        <translation>申请表</translation>
    </message>
    <message>
        <location filename="../screens/form_screen.py" line="91"/>
        <source>Fields marked * are required.</source>
        <translation>带 * 的为必填项。</translation>
    </message>
    <message>
        <location filename="../screens/form_screen.py" line="92"/>
        <source>Next: materials</source>
        <translation>下一步：提交材料</translation>
    </message>
    <message>
        <location filename="../screens/form_screen.py" line="93"/>
        <source>Go on to the materials</source>
        <translation>进入提交材料</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <location filename="../widgets/header.py" line="101"/>
        <source>Switch to English</source>
        <translation>切换为英文</translation>
    </message>
    <message>
        <location filename="../widgets/header.py" line="101"/>
        <source>Switch to Chinese</source>
        <translation>切换为中文</translation>
    </message>
    <message>
        <location filename="../widgets/header.py" line="103"/>
        <location filename="../widgets/header.py" line="104"/>
        <source>Large text</source>
        <translation>大字</translation>
    </message>
    <message>
        <location filename="../widgets/header.py" line="106"/>
        <source>Voice off</source>
        <translation>语音已关</translation>
    </message>
    <message>
        <location filename="../widgets/header.py" line="106"/>
        <source>Voice on</source>
        <translation>语音已开</translation>
    </message>
    <message>
        <location filename="../widgets/header.py" line="108"/>
        <source>Mute voice guidance</source>
        <translation>关闭语音引导</translation>
    </message>
    <message>
        <location filename="../widgets/header.py" line="109"/>
        <source>Call staff</source>
        <translation>呼叫工作人员</translation>
    </message>
    <message>
        <location filename="../widgets/header.py" line="110"/>
        <source>Call a staff member</source>
        <translation>呼叫工作人员</translation>
    </message>
</context>
<context>
    <name>IdentityScreen</name>
    <message>
        <location filename="../screens/identity_screen.py" line="369"/>
        <source>No licence QR code was read. Please type the code instead.</source>
        <translation>未能识别营业执照二维码，请手动输入代码。</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="365"/>
        <source>Scanning the licence QR code is not available on this terminal.</source>
        <translation>本终端暂不支持扫描营业执照二维码，请手动输入代码。</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="367"/>
        <source>Code read from the licence QR: check it, then confirm.</source>
        <translation>已从营业执照二维码读取代码，请核对后确认。</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="371"/>
        <source>The camera is not available. Please type the code instead.</source>
        <translation>摄像头暂不可用，请手动输入代码。</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="385"/>
        <source>Waiting for your card</source>
        <translation>等待读卡</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="387"/>
        <source>Insert the card into the slot, or place it flat on the reader, as shown.</source>
        <translation>请按图示将卡片插入卡槽，或平放在读卡区。</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="390"/>
        <source>Reading your card…</source>
        <translation>正在读卡…</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="391"/>
        <source>Please do not move the card.</source>
        <translation>请勿移动卡片。</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="393"/>
        <source>Identity confirmed</source>
        <translation>身份已确认</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="394"/>
        <source>Please check that this is you, then touch Continue.</source>
        <translation>请核对是否为本人，然后点击“继续”。</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="396"/>
        <source>The card reader is not available</source>
        <translation>读卡器不可用</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="400"/>
        <source>The card reader is not available. Please call staff.</source>
        <translation>读卡器不可用，请联系工作人员。</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="405"/>
        <source>Take the card out, then touch Try again.</source>
        <translation>请取出卡片，然后点击“重试”。</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="430"/>
        <source>This document cannot be used here</source>
        <translation>此证件无法办理</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="432"/>
        <source>This card is not supported</source>
        <translation>不支持此卡片</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="433"/>
        <source>The card could not be read</source>
        <translation>读卡失败</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="437"/>
        <source>Resident ID card</source>
        <translation>居民身份证</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="438"/>
        <source>Social security card</source>
        <translation>社会保障卡</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="439"/>
        <source>Staff card</source>
        <translation>工作证</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="449"/>
        <source>Enterprise %1: now the person acting for it inserts or places their card.</source>
        <translation>企业 %1：请经办人插入或放置本人的社保卡或身份证。</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="462"/>
        <source>Insert or place your social security card / ID card</source>
        <translation>请插入或放置您的社保卡 / 身份证</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="463"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="464"/>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="465"/>
        <source>Document</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="466"/>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="467"/>
        <source>Continue as this person</source>
        <translation>以此身份继续办理</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="468"/>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="469"/>
        <source>Try reading the card again</source>
        <translation>重新读卡</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="470"/>
        <source>Call staff</source>
        <translation>呼叫工作人员</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="471"/>
        <source>Call a staff member for help</source>
        <translation>呼叫工作人员帮助</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="472"/>
        <source>For an enterprise: enter its credit code</source>
        <translation>企业办事：输入统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="473"/>
        <source>Identify an enterprise by its code</source>
        <translation>以统一社会信用代码识别企业</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="474"/>
        <source>Demo: present a card</source>
        <translation>演示：放置演示卡</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="477"/>
        <source>Demo card %1: %2</source>
        <translation>演示卡 %1：%2</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="479"/>
        <source>Take the card away</source>
        <translation>取出卡片</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="480"/>
        <source>Take the demo card off the reader</source>
        <translation>从读卡器取出演示卡</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="481"/>
        <source>Enter the unified social credit code</source>
        <translation>输入统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="483"/>
        <source>18 characters, printed on the business licence (营业执照).</source>
        <translation>共 18 位，印在营业执照上。</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="485"/>
        <source>Back to the card</source>
        <translation>返回刷卡</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="486"/>
        <source>Back to identifying by card</source>
        <translation>返回刷卡识别</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="487"/>
        <source>Scan the licence QR code</source>
        <translation>扫描营业执照二维码</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="488"/>
        <source>Scan the QR code of the business licence</source>
        <translation>扫描营业执照上的二维码</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="489"/>
        <source>Confirm the code</source>
        <translation>确认代码</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="490"/>
        <source>Confirm the credit code</source>
        <translation>确认统一社会信用代码</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message numerus="yes">
        <location filename="../widgets/overlays.py" line="81"/>
        <source>%n second(s) left</source>
        <translation>
            <numerusform>剩余 %n 秒</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/overlays.py" line="89"/>
        <source>Are you still there?</source>
        <translation>还在吗？</translation>
    </message>
    <message>
        <location filename="../widgets/overlays.py" line="92"/>
        <source>When the countdown ends, everything you entered is cleared and the terminal returns to the home screen.</source>
        <translation>倒计时结束后，您填写的全部信息将被清除，终端将回到首页。</translation>
    </message>
    <message>
        <location filename="../widgets/overlays.py" line="96"/>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../widgets/overlays.py" line="97"/>
        <source>Continue my session</source>
        <translation>继续办理</translation>
    </message>
</context>
<context>
    <name>LicenceQrScanView</name>
    <message>
        <location filename="../screens/identity_qr_scan.py" line="33"/>
        <source>This QR code has a credit code whose check character is wrong. Please hold up the QR code of the business licence, or type the code.</source>
        <translation>此二维码中的信用代码校验位不正确，请对准营业执照上的二维码，或手动输入代码。</translation>
    </message>
    <message>
        <location filename="../screens/identity_qr_scan.py" line="38"/>
        <source>This QR code does not contain a unified social credit code. Please hold up the QR code printed on the business licence.</source>
        <translation>此二维码中没有统一社会信用代码，请对准营业执照上的二维码。</translation>
    </message>
    <message>
        <location filename="../screens/identity_qr_scan.py" line="41"/>
        <source>Looking for the QR code…</source>
        <translation>正在识别二维码…</translation>
    </message>
    <message>
        <location filename="../screens/identity_qr_scan.py" line="45"/>
        <source>Scan the business licence QR code</source>
        <translation>扫描营业执照二维码</translation>
    </message>
    <message>
        <location filename="../screens/identity_qr_scan.py" line="48"/>
        <source>Hold the QR code in the corner of the business licence (营业执照) under the camera, flat and still.</source>
        <translation>请将营业执照角上的二维码平放在摄像头下方，保持不动。</translation>
    </message>
    <message>
        <location filename="../screens/identity_qr_scan.py" line="52"/>
        <source>Type the code instead</source>
        <translation>改为手动输入代码</translation>
    </message>
    <message>
        <location filename="../screens/identity_qr_scan.py" line="53"/>
        <source>Stop scanning and type the credit code</source>
        <translation>停止扫描，手动输入统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../screens/identity_qr_scan.py" line="55"/>
        <source>Starting the camera…</source>
        <translation>正在打开摄像头…</translation>
    </message>
</context>
<context>
    <name>MaterialsScreen</name>
    <message>
        <location filename="../screens/materials_screen.py" line="153"/>
        <source>The capture did not work. Please try again or call staff.</source>
        <translation>拍摄没有成功，请重试或呼叫工作人员。</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="165"/>
        <source>Bring to the counter: %1</source>
        <translation>请带到窗口：%1</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="170"/>
        <source>All required materials are here.</source>
        <translation>必需材料已齐全。</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="174"/>
        <source>You may still submit now and supply the missing materials later (补正); your receipt will list them.</source>
        <translation>您仍可现在提交，缺少的材料稍后补正；回执上会列出待补材料。</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="181"/>
        <source>This service needs every required material before it can be submitted. Capture the missing ones, or ask at the counter.</source>
        <translation>本事项须材料齐全才能提交。请拍摄缺少的材料，或到窗口咨询。</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="194"/>
        <source>Supply later and continue</source>
        <translation>补正，稍后提交材料并继续</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="196"/>
        <source>Next: review</source>
        <translation>下一步：核对信息</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="202"/>
        <source>Made from the form you filled in</source>
        <translation>由您填写的申请表生成</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="203"/>
        <source>Read from your card</source>
        <translation>已从您的证件读取</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="204"/>
        <source>Taken from your electronic certificate</source>
        <translation>已调取电子证照</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="205"/>
        <source>Cannot be captured here: bring it to the counter</source>
        <translation>本机无法拍摄，请带到窗口</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/materials_screen.py" line="209"/>
        <source>%n page(s) captured</source>
        <translation>
            <numerusform>已拍摄%n页</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="211"/>
        <source>To capture: put it under the camera, then touch Capture</source>
        <translation>待拍摄：请放在高拍仪下，然后点“拍摄”</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="213"/>
        <source> (only if it applies to you)</source>
        <translation>（如适用）</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="219"/>
        <source>Capture again</source>
        <translation>重新拍摄</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="219"/>
        <source>Capture</source>
        <translation>拍摄</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="222"/>
        <source>Capture %1</source>
        <translation>拍摄%1</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="224"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="228"/>
        <source>Capture each material marked To capture, then touch Next.</source>
        <translation>请逐项拍摄标为“待拍摄”的材料，然后点“下一步”。</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="233"/>
        <source>Materials</source>
        <translation>申请材料</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="235"/>
        <source>What this service needs, and how each one reaches your application.</source>
        <translation>本事项需要的材料，以及每项材料的提供方式。</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="237"/>
        <source>Completeness check (预审)</source>
        <translation>材料预审</translation>
    </message>
</context>
<context>
    <name>MobileUnitFlow</name>
    <message>
        <location filename="../mobile_unit_flow.py" line="162"/>
        <source>Wrong PIN. %1 tries left.</source>
        <translation>PIN 码错误，还可尝试 %1 次。</translation>
    </message>
    <message>
        <location filename="../mobile_unit_flow.py" line="163"/>
        <source>Wrong PIN.</source>
        <translation>PIN 码错误。</translation>
    </message>
    <message>
        <location filename="../mobile_unit_flow.py" line="165"/>
        <source>This staff card is blocked. Ask your administrator to unblock it.</source>
        <translation>此工作证已锁定，请联系管理员解锁。</translation>
    </message>
    <message>
        <location filename="../mobile_unit_flow.py" line="167"/>
        <source>This card is not a staff card.</source>
        <translation>此卡不是工作证。</translation>
    </message>
    <message>
        <location filename="../mobile_unit_flow.py" line="169"/>
        <source>This staff card was not issued by a trusted authority.</source>
        <translation>此工作证不是由受信任的机构签发的。</translation>
    </message>
    <message>
        <location filename="../mobile_unit_flow.py" line="171"/>
        <source>Staff cards cannot be checked here: ask a technician to set it up.</source>
        <translation>本机暂无法核验工作证，请联系运维人员配置。</translation>
    </message>
    <message>
        <location filename="../mobile_unit_flow.py" line="172"/>
        <source>No staff card could be read. Put the card in the reader and try again.</source>
        <translation>未能读取工作证，请将工作证放入读卡器后重试。</translation>
    </message>
</context>
<context>
    <name>OfflineBanner</name>
    <message>
        <location filename="../widgets/offline_banner.py" line="47"/>
        <source>Offline: not yet connected to the platform; %1 applications waiting to be sent</source>
        <translation>离线中，尚未连接政务服务平台；%1 件申请等待发送</translation>
    </message>
    <message>
        <location filename="../widgets/offline_banner.py" line="52"/>
        <source>Offline since %1; %2 applications waiting to be sent</source>
        <translation>离线中，自 %1 起；%2 件申请等待发送</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <location filename="../screens/pin_screen.py" line="89"/>
        <source>Digit %1</source>
        <translation>数字 %1</translation>
    </message>
    <message>
        <location filename="../screens/pin_screen.py" line="90"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../screens/pin_screen.py" line="91"/>
        <source>Clear the PIN</source>
        <translation>清除密码</translation>
    </message>
    <message>
        <location filename="../screens/pin_screen.py" line="92"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../screens/pin_screen.py" line="94"/>
        <source>Cancel and return to the start screen</source>
        <translation>取消并返回首页</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="162"/>
        <source>Refresh queue</source>
        <translation>刷新队列</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="163"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="164"/>
        <source>Retry selected</source>
        <translation>重试所选</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="165"/>
        <source>Quarantine selected</source>
        <translation>隔离所选</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="166"/>
        <source>Look for drives</source>
        <translation>查找U盘</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="167"/>
        <source>Export queue to the selected drive</source>
        <translation>将队列导出到所选U盘</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="168"/>
        <source>Import the selected bundle</source>
        <translation>导入所选数据包</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="175"/>
        <source>Receipt number</source>
        <translation>回执编号</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="176"/>
        <source>Service</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="177"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="178"/>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="179"/>
        <source>Reason or note</source>
        <translation>原因或备注</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="182"/>
        <location filename="../widgets/technician_queue_page.py" line="185"/>
        <source>Applications waiting or quarantined</source>
        <translation>待发送或已隔离的申请</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="186"/>
        <location filename="../widgets/technician_queue_page.py" line="188"/>
        <location filename="../widgets/technician_queue_page.py" line="397"/>
        <source>USB drives</source>
        <translation>U盘</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="187"/>
        <location filename="../widgets/technician_queue_page.py" line="189"/>
        <source>Queue bundles on the drives</source>
        <translation>U盘上的队列数据包</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="195"/>
        <source>waiting</source>
        <translation>待发送</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="196"/>
        <source>uploading</source>
        <translation>上传中</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="197"/>
        <source>quarantined</source>
        <translation>已隔离</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="206"/>
        <source>last error: </source>
        <translation>上次错误：</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="208"/>
        <source>from terminal %1</source>
        <translation>来自终端 %1</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="210"/>
        <source>exported %1</source>
        <translation>已于 %1 导出</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="216"/>
        <source>This terminal holds no bundle keys: enroll it again, or rotate its credentials while it is online.</source>
        <translation>本终端没有数据包密钥：请重新注册，或在联网时轮换其凭据。</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="219"/>
        <source>This file is not a queue bundle.</source>
        <translation>此文件不是队列数据包。</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="221"/>
        <source>This bundle was made for another city platform: this terminal cannot open it.</source>
        <translation>此数据包属于其他城市平台，本终端无法打开。</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="224"/>
        <source>The bundle is damaged or was altered. Nothing was imported; export it again on the terminal that made it.</source>
        <translation>数据包已损坏或被篡改，未导入任何内容；请在生成它的终端上重新导出。</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="228"/>
        <source>The bundle is cut off (an incomplete copy?). Nothing was imported; copy it again.</source>
        <translation>数据包不完整（可能未复制完），未导入任何内容；请重新复制。</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="231"/>
        <source>The bundle was not signed by a terminal of this city platform. Nothing was imported.</source>
        <translation>数据包并非由本城市平台的终端签名，未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="234"/>
        <source>The bundle is inconsistent. Nothing was imported.</source>
        <translation>数据包内容不一致，未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="236"/>
        <source>Signed by a revoked terminal — the terminal that made this bundle was reported lost or stolen and the platform revoked it. Nothing was imported; hand the drive to the platform&apos;s staff.</source>
        <translation>由已吊销的终端签名——制作此数据包的终端已报告丢失或被盗，平台已将其吊销。未导入任何内容；请将U盘交给平台工作人员。</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="247"/>
        <source>Reading the queue…</source>
        <translation>正在读取队列…</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="249"/>
        <source>Queue unavailable: </source>
        <translation>队列不可用：</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="259"/>
        <source>Last contact with the platform: %1</source>
        <translation>最近一次与平台联系：%1</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="260"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="268"/>
        <source>Waiting: %1 · Quarantined: %2</source>
        <translation>待发送：%1 · 已隔离：%2</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="310"/>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="327"/>
        <source>%1 is back in the queue and will be sent at the next sync pass.</source>
        <translation>%1 已重新排队，将在下次同步时发送。</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="329"/>
        <source>%1 will be sent at the next sync pass.</source>
        <translation>%1 将在下次同步时发送。</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="341"/>
        <source>%1 is quarantined.</source>
        <translation>%1 已隔离。</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="347"/>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="353"/>
        <source>Last sync (%1): </source>
        <translation>上次同步（%1）：</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="360"/>
        <source>Sync failed: </source>
        <translation>同步失败：</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="366"/>
        <source>this terminal is not enrolled: no sync possible</source>
        <translation>本终端尚未注册，无法同步</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="368"/>
        <source>the secrets file cannot be used: </source>
        <translation>密钥文件无法使用：</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="370"/>
        <source>failed: </source>
        <translation>失败：</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="372"/>
        <source>the sync service is running and was asked to sync now</source>
        <translation>同步服务正在运行，已请它立即同步</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="374"/>
        <source>%1 sent, %2 quarantined, %3 to try again</source>
        <translation>已发送 %1 件，隔离 %2 件，待重试 %3 件</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="380"/>
        <source>; errors: </source>
        <translation>；错误：</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="387"/>
        <source>USB drives: looking…</source>
        <translation>U盘：正在查找…</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="401"/>
        <source>%1 — %2 free</source>
        <translation>%1 — 可用 %2</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="411"/>
        <source>(no drive mounted: plug one in, then look again)</source>
        <translation>（未挂载U盘：请插入后再查找）</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="420"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="425"/>
        <source>Exported %1 applications (%2) to %3. They stay in this terminal&apos;s queue and are also sent from here once it is online; the platform counts each once.</source>
        <translation>已将 %1 件申请（%2）导出到 %3。这些申请仍保留在本终端队列中，联网后也会从本终端发送；平台对每件申请只计一次。</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="432"/>
        <source> Left out, damaged on this terminal: %1.</source>
        <translation>以下申请在本终端已损坏，未导出：%1。</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="444"/>
        <source>Nothing to export: no application is waiting.</source>
        <translation>无可导出内容：没有待发送的申请。</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="448"/>
        <source>Export failed: </source>
        <translation>导出失败：</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="461"/>
        <source>Checking and importing the bundle…</source>
        <translation>正在校验并导入数据包…</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="465"/>
        <source>Bundle from terminal %1: %2 new, %3 already known.</source>
        <translation>来自终端 %1 的数据包：新增 %2 件，已有 %3 件。</translation>
    </message>
    <message>
        <location filename="../widgets/technician_queue_page.py" line="477"/>
        <source>Import failed: </source>
        <translation>导入失败：</translation>
    </message>
</context>
<context>
    <name>RateScreen</name>
    <message>
        <location filename="../screens/rate.py" line="150"/>
        <source>How satisfied are you with the service? Choose one of the five answers.</source>
        <translation>您对本次服务满意吗？请在五个选项中选择一个。</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="154"/>
        <source>Rate the service</source>
        <translation>服务评价</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="155"/>
        <location filename="../screens/rate.py" line="157"/>
        <source>Receipt number or application number</source>
        <translation>回执编号或办件编号</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="156"/>
        <source>Printed at the top of your receipt</source>
        <translation>印在回执单的顶部</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="158"/>
        <source>How satisfied are you?</source>
        <translation>您对本次服务的评价</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="163"/>
        <source>Please tell us why (choose at least one):</source>
        <translation>请告诉我们原因（至少选择一项）：</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="167"/>
        <source>Submit rating</source>
        <translation>提交评价</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="168"/>
        <source>Submit the rating</source>
        <translation>提交评价</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="169"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="170"/>
        <source>Done, clear my information</source>
        <translation>完成，清除我的信息</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="176"/>
        <source>Very satisfied</source>
        <translation>非常满意</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="177"/>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="178"/>
        <source>Basically satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="179"/>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="180"/>
        <source>Very dissatisfied</source>
        <translation>非常不满意</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="186"/>
        <source>Long wait</source>
        <translation>等候时间长</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="187"/>
        <source>Unclear guidance</source>
        <translation>指引不清楚</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="188"/>
        <source>Too many materials</source>
        <translation>材料要求多</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="189"/>
        <source>Terminal hard to use</source>
        <translation>终端不好用</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="190"/>
        <source>Slow processing</source>
        <translation>办理速度慢</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="191"/>
        <source>Staff attitude</source>
        <translation>工作人员态度</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="192"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="295"/>
        <source>Please enter the number on your receipt first.</source>
        <translation>请先输入回执上的编号。</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="296"/>
        <source>Please choose one of the five answers.</source>
        <translation>请在五个选项中选择一个。</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="297"/>
        <source>Please choose at least one reason.</source>
        <translation>请至少选择一个原因。</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="298"/>
        <source>Saving your rating…</source>
        <translation>正在保存您的评价…</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="299"/>
        <source>Thank you! Your rating has been recorded.</source>
        <translation>谢谢！您的评价已记录。</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="300"/>
        <source>This application has already been rated. Thank you!</source>
        <translation>该办件已评价过，谢谢！</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="302"/>
        <source>This is not a valid receipt or application number. Please check it.</source>
        <translation>这不是有效的回执编号或办件编号，请核对。</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="304"/>
        <source>No application has this number. Please check it.</source>
        <translation>没有查到该编号的办件，请核对。</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="306"/>
        <source>The service platform cannot be reached now. Please try again later.</source>
        <translation>暂时无法连接政务服务平台，请稍后再试。</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="308"/>
        <source>The rating could not be saved. Please try again.</source>
        <translation>评价未能保存，请重试。</translation>
    </message>
</context>
<context>
    <name>ReceiptQrScanView</name>
    <message>
        <location filename="../screens/track_qr_scan.py" line="27"/>
        <source>This receipt QR code could not be verified, so it is not looked up. Please type the number printed on the receipt, or ask at the service counter.</source>
        <translation>此回执二维码未通过校验，不予查询。请输入回执上印的编号，或到服务窗口咨询。</translation>
    </message>
    <message>
        <location filename="../screens/track_qr_scan.py" line="32"/>
        <source>This QR code is not a receipt of this service hall. Please hold up the QR code printed on your receipt.</source>
        <translation>此二维码不是本服务大厅的回执，请出示回执上印的二维码。</translation>
    </message>
    <message>
        <location filename="../screens/track_qr_scan.py" line="35"/>
        <source>Looking for the QR code…</source>
        <translation>正在识别二维码…</translation>
    </message>
    <message>
        <location filename="../screens/track_qr_scan.py" line="39"/>
        <source>Scan the QR code on your receipt</source>
        <translation>扫描回执二维码</translation>
    </message>
    <message>
        <location filename="../screens/track_qr_scan.py" line="42"/>
        <source>Hold the QR code at the bottom of your receipt under the camera, flat and still.</source>
        <translation>请将回执下方的二维码平放在摄像头下方，保持不动。</translation>
    </message>
    <message>
        <location filename="../screens/track_qr_scan.py" line="45"/>
        <source>Type the number instead</source>
        <translation>改为手动输入编号</translation>
    </message>
    <message>
        <location filename="../screens/track_qr_scan.py" line="46"/>
        <source>Stop scanning and type the receipt number</source>
        <translation>停止扫描，手动输入回执编号</translation>
    </message>
    <message>
        <location filename="../screens/track_qr_scan.py" line="48"/>
        <source>Starting the camera…</source>
        <translation>正在打开摄像头…</translation>
    </message>
</context>
<context>
    <name>ReceiptScreen</name>
    <message>
        <location filename="../screens/receipt_screen.py" line="89"/>
        <source>Your application is submitted — take a photo</source>
        <translation>申请已提交，请拍照保存回执</translation>
    </message>
    <message>
        <location filename="../screens/receipt_screen.py" line="92"/>
        <source>The receipt could not be printed. Take a photo of the receipt and its QR code with your phone: the number lets you and the staff find your application. Staff can also print it for you at the counter.</source>
        <translation>回执未能打印。请用手机拍下回执和二维码：凭回执编号，您和工作人员都能查到您的申请。也可到窗口请工作人员补打。</translation>
    </message>
    <message>
        <location filename="../screens/receipt_screen.py" line="98"/>
        <source>Your application is submitted</source>
        <translation>申请已提交</translation>
    </message>
    <message>
        <location filename="../screens/receipt_screen.py" line="101"/>
        <source>Take your receipt from the printer. Keep it: its number and QR code let you track the application.</source>
        <translation>请取走打印的回执并妥善保存，凭编号和二维码可查询办理进度。</translation>
    </message>
    <message>
        <location filename="../screens/receipt_screen.py" line="106"/>
        <source>Receipt number:</source>
        <translation>回执编号：</translation>
    </message>
    <message>
        <location filename="../screens/receipt_screen.py" line="108"/>
        <location filename="../screens/receipt_screen.py" line="109"/>
        <source>Rate the service now</source>
        <translation>现在评价服务</translation>
    </message>
    <message>
        <location filename="../screens/receipt_screen.py" line="111"/>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../screens/receipt_screen.py" line="112"/>
        <source>Finish and clear my information</source>
        <translation>完成并清除我的信息</translation>
    </message>
</context>
<context>
    <name>RefusalNotice</name>
    <message>
        <location filename="../widgets/identity_refusal_notice.py" line="44"/>
        <source>This service cannot be applied for by you alone</source>
        <translation>此事项不能由您单独办理</translation>
    </message>
    <message>
        <location filename="../widgets/identity_refusal_notice.py" line="45"/>
        <source>OK</source>
        <translation>知道了</translation>
    </message>
    <message>
        <location filename="../widgets/identity_refusal_notice.py" line="46"/>
        <source>Close this notice</source>
        <translation>关闭提示</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <location filename="../screens/review_screen.py" line="179"/>
        <source>Materials</source>
        <translation>申请材料</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/review_screen.py" line="184"/>
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n页</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/review_screen.py" line="186"/>
        <source>Supplied later (补正)</source>
        <translation>待补正</translation>
    </message>
    <message>
        <location filename="../screens/review_screen.py" line="192"/>
        <source>This form</source>
        <translation>本申请表</translation>
    </message>
    <message>
        <location filename="../screens/review_screen.py" line="193"/>
        <source>Read from your card</source>
        <translation>已从您的证件读取</translation>
    </message>
    <message>
        <location filename="../screens/review_screen.py" line="194"/>
        <source>Electronic certificate</source>
        <translation>电子证照</translation>
    </message>
    <message>
        <location filename="../screens/review_screen.py" line="195"/>
        <source>Bring to the counter</source>
        <translation>请带到窗口</translation>
    </message>
    <message>
        <location filename="../screens/review_screen.py" line="216"/>
        <source>Edit</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../screens/review_screen.py" line="218"/>
        <source>Edit %1</source>
        <translation>修改%1</translation>
    </message>
    <message>
        <location filename="../screens/review_screen.py" line="233"/>
        <source>Check your answers. Touch Edit to change something, or Confirm.</source>
        <translation>请核对您的信息。需要修改请点“修改”，无误请点“确认”。</translation>
    </message>
    <message>
        <location filename="../screens/review_screen.py" line="238"/>
        <source>Check your application</source>
        <translation>核对申请信息</translation>
    </message>
    <message>
        <location filename="../screens/review_screen.py" line="240"/>
        <source>This is what will be submitted. Your ID number is shown masked.</source>
        <translation>以下为将要提交的内容，身份证号码已部分隐藏。</translation>
    </message>
    <message>
        <location filename="../screens/review_screen.py" line="242"/>
        <source>Confirm and continue</source>
        <translation>确认无误，继续</translation>
    </message>
    <message>
        <location filename="../screens/review_screen.py" line="243"/>
        <source>Confirm the answers and continue</source>
        <translation>确认信息无误并继续</translation>
    </message>
</context>
<context>
    <name>ServiceChoiceScreen</name>
    <message>
        <location filename="../screens/service_choice.py" line="62"/>
        <source>Touch the service you want to apply for.</source>
        <translation>请点选您要办理的事项。</translation>
    </message>
    <message>
        <location filename="../screens/service_choice.py" line="66"/>
        <source>Choose a service</source>
        <translation>选择办理事项</translation>
    </message>
    <message>
        <location filename="../screens/service_choice.py" line="69"/>
        <source>Services you can apply for at this terminal. To find any other service, use Guide on the home screen.</source>
        <translation>以下事项可在本机办理。查找其他事项，请使用首页的“办事指南”。</translation>
    </message>
    <message>
        <location filename="../screens/service_choice.py" line="73"/>
        <source>Cannot be applied for here: please go to the counter</source>
        <translation>本机暂不能办理，请到窗口办理</translation>
    </message>
</context>
<context>
    <name>ServiceGuideScreen</name>
    <message>
        <location filename="../screens/service_guide.py" line="130"/>
        <source>You can apply for this service here. Touch Apply here.</source>
        <translation>本事项可在本机办理，请点击“在本机办理”。</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="131"/>
        <source>Please read what you need and where to go.</source>
        <translation>请阅读所需材料和办理地点。</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="136"/>
        <source>Who can apply</source>
        <translation>受理条件</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="137"/>
        <source>Materials to bring</source>
        <translation>申请材料</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="138"/>
        <source>Fee</source>
        <translation>收费标准</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="139"/>
        <source>Time limits</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="140"/>
        <source>Online service</source>
        <translation>网办深度</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="141"/>
        <source>Where and when to go</source>
        <translation>办理地点和时间</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="142"/>
        <source>Legal basis</source>
        <translation>设定依据</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="146"/>
        <source>Scan with your phone to read this guide there</source>
        <translation>用手机扫码，在手机上查看本指南</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="147"/>
        <source>Apply here</source>
        <translation>在本机办理</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="148"/>
        <source>Apply for this service here</source>
        <translation>在本机办理此事项</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="217"/>
        <source>Free of charge</source>
        <translation>不收费</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="222"/>
        <source>Statutory time limit: %1</source>
        <translation>法定办结时限：%1</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="225"/>
        <source>Promised time limit: %1</source>
        <translation>承诺办结时限：%1</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="247"/>
        <source>This service cannot be applied for at this terminal. Please go to: %1</source>
        <translation>本事项不能在本机办理，请到：%1</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="253"/>
        <source>done on the spot</source>
        <translation>即办</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="254"/>
        <source>%1 working days</source>
        <translation>%1 个工作日</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="259"/>
        <source>original</source>
        <translation>原件</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="259"/>
        <source>copy</source>
        <translation>复印件</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="260"/>
        <source>electronic</source>
        <translation>电子版</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="260"/>
        <source>paper</source>
        <translation>纸质</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="262"/>
        <source>1 copy</source>
        <translation>1 份</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="264"/>
        <source>%1 copies</source>
        <translation>%1 份</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="268"/>
        <source>✔ can be scanned here</source>
        <translation>✔ 可在本机扫描</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="268"/>
        <source>bring it along</source>
        <translation>请携带</translation>
    </message>
</context>
<context>
    <name>StaffBar</name>
    <message>
        <location filename="../widgets/staff_bar.py" line="44"/>
        <source>Assisted service: no staff member signed in</source>
        <translation>帮办代办：工作人员未签到</translation>
    </message>
    <message>
        <location filename="../widgets/staff_bar.py" line="45"/>
        <source>Staff sign-in</source>
        <translation>工作人员签到</translation>
    </message>
    <message>
        <location filename="../widgets/staff_bar.py" line="46"/>
        <source>Sign in with a staff card</source>
        <translation>使用工作证签到</translation>
    </message>
    <message>
        <location filename="../widgets/staff_bar.py" line="48"/>
        <source>Assisted by: %1</source>
        <translation>经办人：%1</translation>
    </message>
    <message>
        <location filename="../widgets/staff_bar.py" line="49"/>
        <source>Sign out</source>
        <translation>签退</translation>
    </message>
    <message>
        <location filename="../widgets/staff_bar.py" line="50"/>
        <source>Sign the staff member out</source>
        <translation>工作人员签退</translation>
    </message>
</context>
<context>
    <name>StaffSignInScreen</name>
    <message>
        <location filename="../screens/staff_sign_in.py" line="22"/>
        <source>Staff sign-in</source>
        <translation>工作人员签到</translation>
    </message>
    <message>
        <location filename="../screens/staff_sign_in.py" line="25"/>
        <source>Assisted service: put your staff card in the reader and enter its PIN. You stay signed in for the shift; each resident&apos;s data is still wiped when they finish.</source>
        <translation>帮办代办：请将工作证放入读卡器并输入 PIN 码。签到后本班次内保持签到；每位群众办理结束后，其信息仍会清除。</translation>
    </message>
    <message>
        <location filename="../screens/staff_sign_in.py" line="30"/>
        <source>Staff card PIN</source>
        <translation>工作证 PIN 码</translation>
    </message>
    <message>
        <location filename="../screens/staff_sign_in.py" line="31"/>
        <source>Sign in</source>
        <translation>签到</translation>
    </message>
    <message>
        <location filename="../screens/staff_sign_in.py" line="32"/>
        <source>Sign in with the staff card</source>
        <translation>使用工作证签到</translation>
    </message>
</context>
<context>
    <name>StartOverOverlay</name>
    <message>
        <location filename="../widgets/overlays.py" line="126"/>
        <source>Start over?</source>
        <translation>要重新开始吗？</translation>
    </message>
    <message>
        <location filename="../widgets/overlays.py" line="128"/>
        <source>Everything you entered will be cleared and the home screen shown.</source>
        <translation>您填写的全部信息将被清除，并回到首页。</translation>
    </message>
    <message>
        <location filename="../widgets/overlays.py" line="130"/>
        <location filename="../widgets/overlays.py" line="131"/>
        <source>Yes, start over</source>
        <translation>是，重新开始</translation>
    </message>
    <message>
        <location filename="../widgets/overlays.py" line="132"/>
        <source>No, go on</source>
        <translation>否，继续办理</translation>
    </message>
    <message>
        <location filename="../widgets/overlays.py" line="133"/>
        <source>No, go on with my session</source>
        <translation>否，继续办理当前业务</translation>
    </message>
</context>
<context>
    <name>TechnicianDiagnostics</name>
    <message>
        <location filename="../widgets/technician_diagnostics_page.py" line="80"/>
        <source>The diagnostics bundle holds the log files, the settings without secrets, the health checks, versions, disk space and queue counts. It holds no personal data. Insert a USB drive, then choose it below.</source>
        <translation>诊断包包含日志文件、不含密钥的配置、健康检查结果、版本、磁盘空间和队列数量，不含任何个人信息。请插入U盘，然后在下方选择。</translation>
    </message>
    <message>
        <location filename="../widgets/technician_diagnostics_page.py" line="87"/>
        <source>Look for USB drives</source>
        <translation>查找U盘</translation>
    </message>
    <message>
        <location filename="../widgets/technician_diagnostics_page.py" line="108"/>
        <source>No USB drive found. Insert one and look again.</source>
        <translation>未找到U盘。请插入后重新查找。</translation>
    </message>
    <message>
        <location filename="../widgets/technician_diagnostics_page.py" line="114"/>
        <source>Export the bundle to:</source>
        <translation>将诊断包导出到：</translation>
    </message>
    <message>
        <location filename="../widgets/technician_diagnostics_page.py" line="117"/>
        <source>%1 free</source>
        <translation>可用 %1</translation>
    </message>
    <message>
        <location filename="../widgets/technician_diagnostics_page.py" line="124"/>
        <source>Export to %1</source>
        <translation>导出到 %1</translation>
    </message>
    <message>
        <location filename="../widgets/technician_diagnostics_page.py" line="136"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../widgets/technician_diagnostics_page.py" line="144"/>
        <source>Written: %1 (%2). The drive can be removed.</source>
        <translation>已写入：%1（%2）。现在可以拔出U盘。</translation>
    </message>
    <message>
        <location filename="../widgets/technician_diagnostics_page.py" line="155"/>
        <source>Not exported: </source>
        <translation>未能导出：</translation>
    </message>
</context>
<context>
    <name>TechnicianEnrollmentPage</name>
    <message>
        <location filename="../widgets/technician_enrollment_page.py" line="91"/>
        <source>Enrollment code</source>
        <translation>登记码</translation>
    </message>
    <message>
        <location filename="../widgets/technician_enrollment_page.py" line="93"/>
        <source>One-time enrollment code from the platform, or a provisioning code (OWKP1:…)</source>
        <translation>平台下发的一次性注册码，或配置码（OWKP1:…）</translation>
    </message>
    <message>
        <location filename="../widgets/technician_enrollment_page.py" line="95"/>
        <source>Enrollment code, or paste an OWKP1: code</source>
        <translation>注册码，或粘贴 OWKP1: 配置码</translation>
    </message>
    <message>
        <location filename="../widgets/technician_enrollment_page.py" line="96"/>
        <source>Enroll</source>
        <translation>登记</translation>
    </message>
    <message>
        <location filename="../widgets/technician_enrollment_page.py" line="98"/>
        <source>Enroll or provision this terminal with the code</source>
        <translation>用此码注册或配置本终端</translation>
    </message>
    <message>
        <location filename="../widgets/technician_enrollment_page.py" line="100"/>
        <source>Scan QR code</source>
        <translation>扫描二维码</translation>
    </message>
    <message>
        <location filename="../widgets/technician_enrollment_page.py" line="102"/>
        <source>Scan an enrollment or provisioning QR code with the document camera</source>
        <translation>用高拍仪扫描登记码或配置二维码</translation>
    </message>
    <message>
        <location filename="../widgets/technician_enrollment_page.py" line="107"/>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location filename="../widgets/technician_enrollment_page.py" line="112"/>
        <source>Terminal %1: %2, %3</source>
        <translation>终端 %1：%2，%3</translation>
    </message>
    <message>
        <location filename="../widgets/technician_enrollment_page.py" line="118"/>
        <source>Enrolled with the platform.</source>
        <translation>已在平台登记。</translation>
    </message>
    <message>
        <location filename="../widgets/technician_enrollment_page.py" line="120"/>
        <source>Not enrolled yet.</source>
        <translation>尚未登记。</translation>
    </message>
    <message>
        <location filename="../widgets/technician_enrollment_page.py" line="131"/>
        <source>Type the enrollment code first.</source>
        <translation>请先输入登记码。</translation>
    </message>
    <message>
        <location filename="../widgets/technician_enrollment_page.py" line="137"/>
        <source>Applying the provisioning code…</source>
        <translation>正在应用配置码…</translation>
    </message>
    <message>
        <location filename="../widgets/technician_enrollment_page.py" line="142"/>
        <source>Enrolling…</source>
        <translation>正在登记…</translation>
    </message>
    <message>
        <location filename="../widgets/technician_enrollment_page.py" line="149"/>
        <source>Hold the QR code under the document camera…</source>
        <translation>请将二维码放在高拍仪下…</translation>
    </message>
    <message>
        <location filename="../widgets/technician_enrollment_page.py" line="165"/>
        <source>Provisioned: %1. The new settings apply from the next start.</source>
        <translation>已配置：%1。新设置在下次启动后生效。</translation>
    </message>
    <message>
        <location filename="../widgets/technician_enrollment_page.py" line="170"/>
        <source>Enrolled: %1, %2.</source>
        <translation>已登记：%1，%2。</translation>
    </message>
    <message>
        <location filename="../widgets/technician_enrollment_page.py" line="172"/>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <location filename="../widgets/technician_enrollment_page.py" line="180"/>
        <source>Provisioning code refused: %1</source>
        <translation>配置二维码被拒绝：%1</translation>
    </message>
    <message>
        <location filename="../widgets/technician_enrollment_page.py" line="182"/>
        <source>No QR code was read: %1</source>
        <translation>未读到二维码：%1</translation>
    </message>
    <message>
        <location filename="../widgets/technician_enrollment_page.py" line="184"/>
        <source>Enrollment failed: %1</source>
        <translation>登记失败：%1</translation>
    </message>
    <message>
        <location filename="../widgets/technician_enrollment_page.py" line="187"/>
        <source>Enrollment failed. See the log.</source>
        <translation>登记失败，请查看日志。</translation>
    </message>
</context>
<context>
    <name>TechnicianFlow</name>
    <message>
        <location filename="../technician_flow.py" line="170"/>
        <source>Wrong PIN. %1 attempt(s) left before entry is locked.</source>
        <translation>密码错误。再错 %1 次将锁定。</translation>
    </message>
    <message>
        <location filename="../technician_flow.py" line="178"/>
        <source>No technician PIN is set on this terminal (kiosk technician set-pin).</source>
        <translation>本终端尚未设置运维密码（kiosk technician set-pin）。</translation>
    </message>
    <message>
        <location filename="../technician_flow.py" line="188"/>
        <source>The PIN could not be checked. See the log.</source>
        <translation>无法校验密码，请查看日志。</translation>
    </message>
    <message>
        <location filename="../technician_flow.py" line="206"/>
        <source>Entry is open again. Enter the technician PIN.</source>
        <translation>已解除锁定，请输入运维密码。</translation>
    </message>
    <message>
        <location filename="../technician_flow.py" line="220"/>
        <source>Too many wrong PINs. Entry is locked for %1.</source>
        <translation>密码错误次数过多，已锁定 %1。</translation>
    </message>
    <message>
        <location filename="../technician_flow.py" line="244"/>
        <source>Wrong card PIN: %1 tries left on the card.</source>
        <translation>卡片密码错误：卡片还可尝试 %1 次。</translation>
    </message>
    <message>
        <location filename="../technician_flow.py" line="248"/>
        <source>This card&apos;s PIN is blocked. Ask the card issuer to unblock it.</source>
        <translation>此卡密码已锁定，请联系发卡单位解锁。</translation>
    </message>
    <message>
        <location filename="../technician_flow.py" line="252"/>
        <source>This is not a staff card.</source>
        <translation>这不是工作人员卡。</translation>
    </message>
    <message>
        <location filename="../technician_flow.py" line="254"/>
        <source>This card was refused: it is not from the staff CA, has expired, or failed its check.</source>
        <translation>此卡被拒绝：不是工作人员证书机构签发、已过期或未通过验证。</translation>
    </message>
    <message>
        <location filename="../technician_flow.py" line="259"/>
        <source>The staff CA of this terminal cannot be used. See the log.</source>
        <translation>本终端的工作人员证书机构文件无法使用，请查看日志。</translation>
    </message>
    <message>
        <location filename="../technician_flow.py" line="263"/>
        <source>A card PIN has 6 to 8 digits.</source>
        <translation>卡片密码为 6 到 8 位数字。</translation>
    </message>
    <message>
        <location filename="../technician_flow.py" line="265"/>
        <source>No staff card found. Insert your staff card and enter its PIN.</source>
        <translation>未检测到工作人员卡。请插入工作人员卡并输入卡片密码。</translation>
    </message>
    <message>
        <location filename="../technician_flow.py" line="269"/>
        <source>The staff card could not be read. Take it out, insert it again and retry.</source>
        <translation>无法读取工作人员卡。请取出后重新插入再试。</translation>
    </message>
    <message>
        <location filename="../technician_flow.py" line="274"/>
        <source>%1 attempt(s) left before entry is locked.</source>
        <translation>再错 %1 次将锁定进入。</translation>
    </message>
</context>
<context>
    <name>TechnicianHomeScreen</name>
    <message>
        <location filename="../screens/technician_home.py" line="96"/>
        <source>Technician mode</source>
        <translation>运维模式</translation>
    </message>
    <message>
        <location filename="../screens/technician_home.py" line="98"/>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../screens/technician_home.py" line="99"/>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <location filename="../screens/technician_home.py" line="100"/>
        <source>Health and logs</source>
        <translation>运行状态与日志</translation>
    </message>
    <message>
        <location filename="../screens/technician_home.py" line="101"/>
        <source>Receipts</source>
        <translation>回执</translation>
    </message>
    <message>
        <location filename="../screens/technician_home.py" line="102"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../screens/technician_home.py" line="103"/>
        <source>Diagnostics</source>
        <translation>诊断</translation>
    </message>
    <message>
        <location filename="../screens/technician_home.py" line="104"/>
        <source>Enrollment</source>
        <translation>登记</translation>
    </message>
    <message>
        <location filename="../screens/technician_home.py" line="109"/>
        <location filename="../screens/technician_home.py" line="110"/>
        <source>Leave technician mode</source>
        <translation>退出运维模式</translation>
    </message>
</context>
<context>
    <name>TechnicianPages</name>
    <message>
        <location filename="../widgets/technician_pages.py" line="74"/>
        <location filename="../widgets/technician_pages.py" line="155"/>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <location filename="../widgets/technician_pages.py" line="77"/>
        <source>Print test receipt</source>
        <translation>打印测试回执</translation>
    </message>
    <message>
        <location filename="../widgets/technician_pages.py" line="79"/>
        <source>Scan a page</source>
        <translation>扫描一页</translation>
    </message>
    <message>
        <location filename="../widgets/technician_pages.py" line="82"/>
        <source>Find card readers</source>
        <translation>查找读卡器</translation>
    </message>
    <message>
        <location filename="../widgets/technician_pages.py" line="90"/>
        <source>Checking devices…</source>
        <translation>正在检查设备…</translation>
    </message>
    <message>
        <location filename="../widgets/technician_pages.py" line="95"/>
        <location filename="../widgets/technician_pages.py" line="165"/>
        <source>Check failed: </source>
        <translation>检查失败：</translation>
    </message>
    <message>
        <location filename="../widgets/technician_pages.py" line="101"/>
        <source>Configured (doctor):</source>
        <translation>已配置设备（自检）：</translation>
    </message>
    <message>
        <location filename="../widgets/technician_pages.py" line="103"/>
        <source>Detected PC/SC readers:</source>
        <translation>检测到的 PC/SC 读卡器：</translation>
    </message>
    <message>
        <location filename="../widgets/technician_pages.py" line="105"/>
        <source>Detected SANE devices:</source>
        <translation>检测到的 SANE 扫描设备：</translation>
    </message>
    <message>
        <location filename="../widgets/technician_pages.py" line="110"/>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <location filename="../widgets/technician_pages.py" line="114"/>
        <source>Test failed after %1 s: </source>
        <translation>测试在 %1 秒后失败：</translation>
    </message>
    <message>
        <location filename="../widgets/technician_pages.py" line="123"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../widgets/technician_pages.py" line="125"/>
        <source>FAILED</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../widgets/technician_pages.py" line="212"/>
        <source>Every receipt issued here is kept, encrypted, until its application&apos;s retention period ends. Enter the receipt number or the platform&apos;s official number to reprint it (marked as a reprint).</source>
        <translation>本机开具的每张回执都加密保存，直至该申请的保存期限届满。输入回执编号或平台办件编号即可补打（标注“补打”）。</translation>
    </message>
    <message>
        <location filename="../widgets/technician_pages.py" line="251"/>
        <source>No receipt %1 is kept on this terminal (unknown number, or its retention period has ended).</source>
        <translation>本机未保存回执 %1（编号不存在，或已过保存期限）。</translation>
    </message>
    <message>
        <location filename="../widgets/technician_pages.py" line="259"/>
        <source>Receipt %1 is kept but damaged and cannot be reprinted; see the log.</source>
        <translation>回执 %1 已保存但已损坏，无法补打，请查看日志。</translation>
    </message>
    <message>
        <location filename="../widgets/technician_pages.py" line="157"/>
        <source>Check health again</source>
        <translation>重新检查运行状态</translation>
    </message>
    <message>
        <location filename="../widgets/technician_pages.py" line="162"/>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location filename="../widgets/technician_pages.py" line="171"/>
        <source>Disk free</source>
        <translation>磁盘可用空间</translation>
    </message>
    <message>
        <location filename="../widgets/technician_pages.py" line="172"/>
        <source>Clock</source>
        <translation>时钟</translation>
    </message>
    <message>
        <location filename="../widgets/technician_pages.py" line="175"/>
        <source>Last log lines:</source>
        <translation>最近的日志：</translation>
    </message>
    <message>
        <location filename="../widgets/technician_pages.py" line="177"/>
        <source>(no log file or empty)</source>
        <translation>（无日志文件或日志为空）</translation>
    </message>
    <message>
        <location filename="../widgets/technician_pages.py" line="220"/>
        <source>Receipt number to reprint</source>
        <translation>要补打的回执编号</translation>
    </message>
    <message>
        <location filename="../widgets/technician_pages.py" line="222"/>
        <source>Reprint</source>
        <translation>补打</translation>
    </message>
    <message>
        <location filename="../widgets/technician_pages.py" line="224"/>
        <source>Reprint the receipt</source>
        <translation>补打回执</translation>
    </message>
    <message>
        <location filename="../widgets/technician_pages.py" line="237"/>
        <source>No printer is configured.</source>
        <translation>未配置打印机。</translation>
    </message>
    <message>
        <location filename="../widgets/technician_pages.py" line="240"/>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <location filename="../widgets/technician_pages.py" line="244"/>
        <source>Reprint: </source>
        <translation>补打：</translation>
    </message>
    <message>
        <location filename="../widgets/technician_pages.py" line="266"/>
        <source>Reprint failed: </source>
        <translation>补打失败：</translation>
    </message>
</context>
<context>
    <name>TechnicianPinScreen</name>
    <message>
        <location filename="../screens/technician_pin.py" line="22"/>
        <source>Technician mode</source>
        <translation>运维模式</translation>
    </message>
    <message>
        <location filename="../screens/technician_pin.py" line="24"/>
        <source>Insert your staff card, then enter the card&apos;s PIN.</source>
        <translation>请插入工作人员卡，然后输入卡片密码。</translation>
    </message>
    <message>
        <location filename="../screens/technician_pin.py" line="26"/>
        <source>Enter the technician PIN.</source>
        <translation>请输入运维密码。</translation>
    </message>
    <message>
        <location filename="../screens/technician_pin.py" line="29"/>
        <source>Technician PIN</source>
        <translation>运维密码</translation>
    </message>
    <message>
        <location filename="../screens/technician_pin.py" line="29"/>
        <source>Staff card PIN</source>
        <translation>工作人员卡密码</translation>
    </message>
    <message>
        <location filename="../screens/technician_pin.py" line="31"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../screens/technician_pin.py" line="32"/>
        <source>Enter technician mode</source>
        <translation>进入运维模式</translation>
    </message>
</context>
<context>
    <name>TechnicianSettings</name>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="143"/>
        <source>Detected devices</source>
        <translation>检测到的设备</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="146"/>
        <source>Detected now:</source>
        <translation>当前检测到：</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="148"/>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="150"/>
        <source>Test with the settings shown</source>
        <translation>用当前显示的设置测试</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="152"/>
        <source>Use</source>
        <translation>使用</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="154"/>
        <source>Use the detected device</source>
        <translation>使用检测到的设备</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="162"/>
        <source>Nothing configured.</source>
        <translation>未配置。</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="174"/>
        <source>(none found)</source>
        <translation>（未找到）</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="221"/>
        <source>Card reader</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="230"/>
        <source>add a card reader</source>
        <translation>添加读卡器</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="304"/>
        <location filename="../widgets/technician_settings_page.py" line="781"/>
        <source>Receipt printer</source>
        <translation>回执打印机</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="384"/>
        <source>Scanner or camera</source>
        <translation>扫描仪或高拍仪</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="394"/>
        <source>add a scanner or camera</source>
        <translation>添加扫描仪或高拍仪</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="536"/>
        <source>Look for devices</source>
        <translation>查找设备</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="538"/>
        <source>Save settings</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="541"/>
        <source>Roll back last change</source>
        <translation>撤销上次更改</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="548"/>
        <source>This kiosk runs from a shipped profile, not a settings file: settings can be viewed here but not saved.</source>
        <translation>本终端使用内置配置方案运行，而非配置文件：此处可以查看设置，但不能保存。</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="556"/>
        <source>Settings file: %1. Saved settings apply after the kiosk restarts.</source>
        <translation>配置文件：%1。保存的设置在终端重启后生效。</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="577"/>
        <source>Looking for devices…</source>
        <translation>正在查找设备…</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="602"/>
        <source>Looking for devices failed: </source>
        <translation>查找设备失败：</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="631"/>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="639"/>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="641"/>
        <source>FAILED</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="649"/>
        <source>Not tested. Please correct:</source>
        <translation>未测试。请更正：</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="653"/>
        <source>Test failed after %1 s: </source>
        <translation>测试在 %1 秒后失败：</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="665"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="676"/>
        <source>Rolling back…</source>
        <translation>正在撤销…</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="681"/>
        <source>Rolled back to the previous settings.</source>
        <translation>已恢复到上一次的设置。</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="685"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="687"/>
        <source>Saved: nothing had changed.</source>
        <translation>已保存：没有任何更改。</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="691"/>
        <source>Changed: </source>
        <translation>已更改：</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="694"/>
        <source>The kiosk uses them after its next start.</source>
        <translation>终端下次启动后使用新设置。</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="714"/>
        <source>Not saved. Please correct:</source>
        <translation>未保存。请更正：</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="718"/>
        <source>Not saved: </source>
        <translation>未保存：</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="742"/>
        <source>present</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="743"/>
        <source>MISSING</source>
        <translation>未找到</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="744"/>
        <source>cannot tell</source>
        <translation>无法判断</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="747"/>
        <source>Configured: %1 — %2</source>
        <translation>已配置：%1 — %2</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="755"/>
        <source>Which one</source>
        <translation>选择</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="756"/>
        <source>Connection</source>
        <translation>连接方式</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="757"/>
        <source>Reader or port</source>
        <translation>读卡器或端口</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="758"/>
        <source>Reader name</source>
        <translation>读卡器名称</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="759"/>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="760"/>
        <source>Speed (baud)</source>
        <translation>速率（波特）</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="761"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="762"/>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="763"/>
        <source>USB vendor id</source>
        <translation>USB 厂商 ID</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="764"/>
        <source>USB product id</source>
        <translation>USB 产品 ID</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="765"/>
        <source>Device file</source>
        <translation>设备文件</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="766"/>
        <source>Text encoding</source>
        <translation>文字编码</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="767"/>
        <source>Paper width (mm)</source>
        <translation>纸宽（毫米）</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="768"/>
        <source>Characters per line</source>
        <translation>每行字符数</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="769"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="770"/>
        <source>Resolution (dpi)</source>
        <translation>分辨率（dpi）</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="784"/>
        <source>Card reader %1</source>
        <translation>读卡器 %1</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="789"/>
        <source>Scanner or camera %1</source>
        <translation>扫描仪或高拍仪 %1</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="801"/>
        <source>must not be empty</source>
        <translation>不能为空</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="803"/>
        <source>must be a whole number</source>
        <translation>必须是整数</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="805"/>
        <source>is not written the right way</source>
        <translation>格式不正确</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="807"/>
        <source>must be filled in</source>
        <translation>必须填写</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="809"/>
        <source>is not a setting of this device</source>
        <translation>不是此设备的设置项</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="811"/>
        <source>%1 is not allowed</source>
        <translation>不允许 %1</translation>
    </message>
    <message>
        <location filename="../widgets/technician_settings_page.py" line="821"/>
        <source>allowed: </source>
        <translation>可选值：</translation>
    </message>
</context>
<context>
    <name>Tiles</name>
    <message>
        <location filename="../screens/tiles.py" line="21"/>
        <source>Apply</source>
        <translation>办理业务</translation>
    </message>
    <message>
        <location filename="../screens/tiles.py" line="22"/>
        <source>Track</source>
        <translation>进度查询</translation>
    </message>
    <message>
        <location filename="../screens/tiles.py" line="23"/>
        <source>Guide</source>
        <translation>办事指南</translation>
    </message>
    <message>
        <location filename="../screens/tiles.py" line="24"/>
        <source>Rate</source>
        <translation>服务评价</translation>
    </message>
    <message>
        <location filename="../screens/tiles.py" line="32"/>
        <source>Start an application</source>
        <translation>在线申请办理</translation>
    </message>
    <message>
        <location filename="../screens/tiles.py" line="33"/>
        <source>Check the progress of an application</source>
        <translation>查询办件进度</translation>
    </message>
    <message>
        <location filename="../screens/tiles.py" line="36"/>
        <source>What you need and how it works</source>
        <translation>所需材料与办理流程</translation>
    </message>
    <message>
        <location filename="../screens/tiles.py" line="37"/>
        <source>Tell us how we served you</source>
        <translation>好差评，请您评价</translation>
    </message>
</context>
<context>
    <name>TrackScreen</name>
    <message>
        <location filename="../screens/track.py" line="150"/>
        <source>Enter the receipt number or the application number, then touch Query.</source>
        <translation>请输入回执编号或办件编号，然后点击“查询”。</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="154"/>
        <source>Track an application</source>
        <translation>办件进度查询</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="155"/>
        <location filename="../screens/track.py" line="157"/>
        <source>Receipt number or application number</source>
        <translation>回执编号或办件编号</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="156"/>
        <source>Printed at the top of your receipt</source>
        <translation>印在回执单的顶部</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="158"/>
        <source>Query</source>
        <translation>查询</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="159"/>
        <source>Query the progress</source>
        <translation>查询办件进度</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="160"/>
        <source>Scan the QR on your receipt</source>
        <translation>扫描回执二维码</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="161"/>
        <source>Scan the QR code on your receipt</source>
        <translation>扫描回执上的二维码</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="162"/>
        <source>Rate this service</source>
        <translation>评价本次服务</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="163"/>
        <source>Rate the service of this application</source>
        <translation>评价此办件的服务</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="165"/>
        <source>You find both numbers on the receipt you received when you applied.</source>
        <translation>两个编号都印在您申请时取得的回执单上。</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="288"/>
        <source>Waiting on this terminal to be sent</source>
        <translation>已在本终端受理，等待上传</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="289"/>
        <source>Received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="290"/>
        <source>Accepted, being processed</source>
        <translation>已受理，正在办理</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="291"/>
        <source>More material needed</source>
        <translation>需要补正材料</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="292"/>
        <source>Approved</source>
        <translation>审批通过</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="293"/>
        <source>Not approved</source>
        <translation>不予许可</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="294"/>
        <source>Completed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="295"/>
        <source>Held: please ask staff at the counter</source>
        <translation>暂缓处理，请到服务窗口咨询</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="302"/>
        <source>Please enter the number first.</source>
        <translation>请先输入编号。</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="303"/>
        <source>Looking up your application…</source>
        <translation>正在查询您的办件…</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="306"/>
        <source>This is not a valid receipt or application number. Please check it and type it again.</source>
        <translation>这不是有效的回执编号或办件编号，请核对后重新输入。</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="310"/>
        <source>This QR code is not a receipt of this service hall. Please type the number printed on your receipt.</source>
        <translation>此二维码不是本服务大厅的回执，请输入回执上印的编号。</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="314"/>
        <source>No receipt QR code was read. Please type the number printed on your receipt.</source>
        <translation>未识别到回执二维码，请输入回执上印的编号。</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="317"/>
        <source>The camera is not working. Please type the number printed on your receipt.</source>
        <translation>摄像头无法使用，请输入回执上印的编号。</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="320"/>
        <source>No application has this number. Please check the number on your receipt.</source>
        <translation>没有查到该编号的办件，请核对回执上的编号。</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="323"/>
        <source>The service platform cannot be reached now, and this terminal has no record of this number. Please try again later or ask at the service counter.</source>
        <translation>暂时无法连接政务服务平台，本终端也没有该编号的记录。请稍后再试，或到服务窗口咨询。</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="327"/>
        <source>The lookup did not work. Please try again or ask at the service counter.</source>
        <translation>查询未成功，请重试或到服务窗口咨询。</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="343"/>
        <source>Application %1: %2</source>
        <translation>办件 %1：%2</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="348"/>
        <source>From the service platform, just now.</source>
        <translation>来自政务服务平台的最新信息。</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="352"/>
        <source>The platform cannot be reached now. Last known state on this terminal, as of %1.</source>
        <translation>暂时无法连接平台。以下为本终端截至 %1 的最新状态。</translation>
    </message>
</context>
</TS>
